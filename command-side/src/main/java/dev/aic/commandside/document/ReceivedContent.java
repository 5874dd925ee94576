package dev.aic.commandside.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded file on local disk, with its size, SHA-256 and detected content type. The bytes are streamed
 * to a temporary file while hashed, never held in memory; closing it deletes the file.
 */
record ReceivedContent(Path file, long sizeBytes, String sha256, String contentType, String originalFilename)
        implements AutoCloseable {

    /**
     * @throws UploadRefusedException when the file is empty, larger than {@code maxBytes}, or of a type
     *                                 that is not accepted
     */
    static ReceivedContent receive(InputStream upload, String originalFilename, long maxBytes,
            ContentTypes contentTypes) {
        Path file = null;
        try {
            file = Files.createTempFile("aic-upload-", ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = copy(new DigestInputStream(upload, sha), file, maxBytes);
            if (size == 0) {
                throw UploadRefusedException.empty();
            }
            String name = safeName(originalFilename);
            String type = contentTypes.detect(file, name);
            return new ReceivedContent(file, size, HexFormat.of().formatHex(sha.digest()), type, name);
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("Cannot receive the upload", e);
        } catch (NoSuchAlgorithmException e) {
            delete(file);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static long copy(InputStream in, Path file, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long size = 0;
        try (in; OutputStream out = Files.newOutputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                size += n;
                if (size > maxBytes) {
                    throw UploadRefusedException.tooLarge(maxBytes);
                }
                out.write(buffer, 0, n);
            }
        }
        return size;
    }

    /** The client's file name, kept for display and downloads: no directories, no control characters. */
    private static String safeName(String name) {
        if (name == null) {
            return null;
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (base.isEmpty()) {
            return null;
        }
        return base.length() > 255 ? base.substring(base.length() - 255) : base;
    }

    @Override
    public void close() {
        delete(file);
    }

    private static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
