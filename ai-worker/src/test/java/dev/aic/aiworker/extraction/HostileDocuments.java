package dev.aic.aiworker.extraction;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Files built to hurt a document parser, made in memory: zip bombs, external entities, entity
 * expansion, deep nesting, countless pages, truncation, a picture that claims to be enormous, a
 * pathological Markdown line.
 */
public final class HostileDocuments {

    private static final String WORD_NS =
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final byte[] BOMB_TEXT =
            "knowledge ".repeat(6_554).getBytes(StandardCharsets.US_ASCII);

    private HostileDocuments() {}

    /** A DOCX whose {@code word/document.xml} inflates to {@code inflatedBytes} of text. */
    public static byte[] docxBomb(long inflatedBytes) {
        byte[] docx = TestDocuments.docx(List.of(Map.entry("p", "placeholder")));
        return replaceEntry(
                docx,
                "word/document.xml",
                out -> {
                    out.write(
                            ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\""
                                            + WORD_NS
                                            + "\"><w:body><w:p><w:r><w:t>")
                                    .getBytes(StandardCharsets.UTF_8));
                    repeat(out, BOMB_TEXT, inflatedBytes);
                    out.write(
                            "</w:t></w:r></w:p></w:body></w:document>"
                                    .getBytes(StandardCharsets.UTF_8));
                });
    }

    /** A PPTX whose first slide inflates to {@code inflatedBytes} of text. */
    public static byte[] pptxBomb(long inflatedBytes) {
        byte[] pptx = TestDocuments.pptx(List.of("placeholder"));
        return replaceEntry(
                pptx,
                "ppt/slides/slide1.xml",
                out -> {
                    out.write(
                            ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><p:sld xmlns:a=\""
                                            + "http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:p=\""
                                            + "http://schemas.openxmlformats.org/presentationml/2006/main\"><p:cSld><p:spTree><p:sp>"
                                            + "<p:txBody><a:bodyPr/><a:p><a:r><a:t>")
                                    .getBytes(StandardCharsets.UTF_8));
                    repeat(out, BOMB_TEXT, inflatedBytes);
                    out.write(
                            "</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
                                    .getBytes(StandardCharsets.UTF_8));
                });
    }

    /**
     * A valid DOCX with a ZIP inside ({@code word/embeddings}) whose one entry inflates to {@code
     * inflatedBytes}.
     */
    public static byte[] docxWithZipBombInside(long inflatedBytes) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(inner)) {
            zip.setLevel(Deflater.BEST_SPEED);
            zip.putNextEntry(new ZipEntry("bomb.txt"));
            repeat(zip, BOMB_TEXT, inflatedBytes);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] docx =
                TestDocuments.docx(List.of(Map.entry("p", "A document that carries an archive.")));
        return addEntry(docx, "word/embeddings/archive.zip", inner.toByteArray());
    }

    /**
     * A DOCX whose text is an external entity: a local file or any URL ({@code
     * file:///etc/passwd}).
     */
    public static byte[] docxWithExternalEntity(String systemId) {
        return docxWithDoctype(
                "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"" + systemId + "\">]>", "&xxe;");
    }

    /** A DOCX whose text is ten levels of ten-fold entity expansion ("billion laughs"). */
    public static byte[] docxBillionLaughs() {
        StringBuilder doctype = new StringBuilder("<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">");
        for (int level = 1; level <= 9; level++) {
            doctype.append("<!ENTITY lol")
                    .append(level)
                    .append(" \"")
                    .append(("&lol" + (level - 1) + ";").repeat(10))
                    .append("\">");
        }
        return docxWithDoctype(doctype.append("]>").toString(), "&lol9;");
    }

    /** An XHTML page whose text is an external entity: a local file or any URL. */
    public static byte[] xhtmlWithExternalEntity(String systemId) {
        return ("<?xml version=\"1.0\"?><!DOCTYPE html [<!ENTITY xxe SYSTEM \""
                        + systemId
                        + "\">]>"
                        + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>&xxe;</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An HTML page of {@code depth} nested elements. */
    public static byte[] deeplyNestedHtml(int depth) {
        return ("<html><body>"
                        + "<div>".repeat(depth)
                        + "deep"
                        + "</div>".repeat(depth)
                        + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A PDF of {@code pages} empty pages. */
    public static byte[] emptyPagesPdf(int pages) {
        try (PDDocument document = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first part of a file: what an interrupted transfer leaves. */
    public static byte[] truncated(byte[] file) {
        return Arrays.copyOf(file, file.length / 2);
    }

    /**
     * The file with a stretch of its middle overwritten by noise: damaged, though it starts like
     * its type.
     */
    public static byte[] corrupted(byte[] file) {
        byte[] damaged = file.clone();
        java.util.Random noise = new java.util.Random(15);
        for (int i = damaged.length / 4; i < damaged.length * 3 / 4; i++) {
            damaged[i] = (byte) noise.nextInt(256);
        }
        return damaged;
    }

    /**
     * A valid PNG header that claims {@code width} × {@code height} pixels, and one tiny compressed
     * row.
     */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer header =
                java.nio.ByteBuffer.allocate(13)
                        .putInt(width)
                        .putInt(height)
                        .put((byte) 8)
                        .put((byte) 2)
                        .put((byte) 0)
                        .put((byte) 0)
                        .put((byte) 0);
        chunk(png, "IHDR", header.array());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /** Plain text of one line of {@code length} characters. */
    public static byte[] singleLineText(int length) {
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) (i % 10 == 9 ? ' ' : 'a' + i % 26);
        }
        return text;
    }

    /**
     * A Markdown heading line that makes a backtracking heading pattern take hours: "# a", spaces,
     * "b".
     */
    public static byte[] backtrackingMarkdown(int spaces) {
        return ("# a" + " ".repeat(spaces) + "b\n\nBody text.\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] docxWithDoctype(String doctype, String text) {
        byte[] docx = TestDocuments.docx(List.of(Map.entry("p", "placeholder")));
        return replaceEntry(
                docx,
                "word/document.xml",
                out ->
                        out.write(
                                ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                                                + doctype
                                                + "<w:document xmlns:w=\""
                                                + WORD_NS
                                                + "\"><w:body><w:p><w:r><w:t>"
                                                + text
                                                + "</w:t></w:r></w:p></w:body></w:document>")
                                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        crc.update(name);
        crc.update(data);
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static void repeat(OutputStream out, byte[] block, long total) throws IOException {
        for (long written = 0; written < total; written += block.length) {
            out.write(block, 0, (int) Math.min(block.length, total - written));
        }
    }

    private interface EntryWriter {
        void write(OutputStream out) throws IOException;
    }

    private static byte[] replaceEntry(byte[] zip, String name, EntryWriter content) {
        return rewrite(zip, name, content, null, null);
    }

    /** A DOCX of {@code depth} tables nested in each other's cells. */
    public static byte[] deeplyNestedDocx(int depth) {
        byte[] docx = TestDocuments.docx(List.of(Map.entry("p", "placeholder")));
        return replaceEntry(
                docx,
                "word/document.xml",
                out -> {
                    out.write(
                            ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
                                            + WORD_NS
                                            + "\"><w:body>")
                                    .getBytes(StandardCharsets.UTF_8));
                    byte[] open = "<w:tbl><w:tr><w:tc>".getBytes(StandardCharsets.UTF_8);
                    byte[] close = "<w:p/></w:tc></w:tr></w:tbl>".getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < depth; i++) {
                        out.write(open);
                    }
                    out.write(
                            "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
                                    .getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < depth; i++) {
                        out.write(close);
                    }
                    out.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
                });
    }

    private static byte[] addEntry(byte[] zip, String name, byte[] content) {
        return rewrite(zip, null, null, name, content);
    }

    private static byte[] rewrite(
            byte[] zip, String replaced, EntryWriter replacement, String added, byte[] addedBytes) {
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(result)) {
            // the fastest level: a bomb of gigabytes is made in seconds, and still packs some 200:1
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (added != null && entry.getName().equals("[Content_Types].xml")) {
                    out.write(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)
                                    .replaceFirst(
                                            "(<Types[^>]*>)",
                                            "$1<Default Extension=\"zip\" ContentType=\"application/zip\"/>")
                                    .getBytes(StandardCharsets.UTF_8));
                } else if (entry.getName().equals(replaced)) {
                    replacement.write(out);
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            if (added != null) {
                out.putNextEntry(new ZipEntry(added));
                out.write(addedBytes);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result.toByteArray();
    }
}
