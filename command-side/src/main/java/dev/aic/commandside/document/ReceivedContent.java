package dev.aic.commandside.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded file on local disk, with its size, SHA-256 and detected content type. The servlet
 * container already wrote the part to a temporary file while it received it; that file is moved
 * here (a rename on the same disk), then read once for the hash and the type, so an upload occupies
 * its size on disk once, not twice. Closing it deletes the file.
 */
record ReceivedContent(
        Path file, long sizeBytes, String sha256, String contentType, String originalFilename)
        implements AutoCloseable {

    /**
     * @throws UploadRefusedException when the file is empty, larger than {@code maxBytes}, or of a
     *     type that is not accepted
     */
    static ReceivedContent receive(MultipartFile upload, long maxBytes, ContentTypes contentTypes) {
        Path file = null;
        try {
            if (upload.getSize() > maxBytes) {
                throw UploadRefusedException.tooLarge(maxBytes);
            }
            file = Files.createTempFile("aic-upload-", ".bin");
            upload.transferTo(file);
            long size = Files.size(file);
            if (size == 0) {
                throw UploadRefusedException.empty();
            }
            if (size > maxBytes) {
                throw UploadRefusedException.tooLarge(maxBytes);
            }
            String name = safeName(upload.getOriginalFilename());
            String type = contentTypes.detect(file, name);
            return new ReceivedContent(file, size, sha256(file), type, name);
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException("Cannot receive the upload", e);
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The client's file name, kept for display and downloads: no directories, no control
     * characters.
     */
    private static String safeName(String name) {
        if (name == null) {
            return null;
        }
        String base =
                name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                        .replaceAll("\\p{Cntrl}", "")
                        .strip();
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
