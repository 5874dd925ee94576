package dev.aic.queryside.document;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A real PDF written by hand: one page of Helvetica text per string, and an embedded stream of
 * incompressible bytes (a scanned picture would be one) that makes it as large as a manual, with
 * its cross-reference table.
 */
final class SamplePdf {

    private SamplePdf() {}

    static byte[] of(List<String> pages, int embeddedBytes) {
        List<byte[]> objects = new ArrayList<>();
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            kids.append(4 + 2 * i).append(" 0 R ");
        }
        objects.add(ascii("<< /Type /Catalog /Pages 2 0 R >>"));
        objects.add(ascii("<< /Type /Pages /Kids [" + kids + "] /Count " + pages.size() + " >>"));
        objects.add(ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"));
        for (int i = 0; i < pages.size(); i++) {
            objects.add(
                    ascii(
                            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R"
                                    + " >> >> /Contents "
                                    + (5 + 2 * i)
                                    + " 0 R >>"));
            objects.add(
                    stream(
                            ascii(
                                    "BT /F1 12 Tf 72 720 Td ("
                                            + pages.get(i).replace("(", "\\(").replace(")", "\\)")
                                            + ") Tj ET")));
        }
        byte[] embedded = new byte[embeddedBytes];
        new Random(17).nextBytes(embedded);
        objects.add(stream(embedded));

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes(ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.size());
            pdf.writeBytes(ascii((i + 1) + " 0 obj\n"));
            pdf.writeBytes(objects.get(i));
            pdf.writeBytes(ascii("\nendobj\n"));
        }
        int xref = pdf.size();
        StringBuilder table =
                new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        offsets.forEach(offset -> table.append(String.format("%010d 00000 n \n", offset)));
        table.append("trailer\n<< /Size ")
                .append(objects.size() + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        pdf.writeBytes(ascii(table.toString()));
        return pdf.toByteArray();
    }

    private static byte[] stream(byte[] content) {
        ByteArrayOutputStream object = new ByteArrayOutputStream();
        object.writeBytes(ascii("<< /Length " + content.length + " >>\nstream\n"));
        object.writeBytes(content);
        object.writeBytes(ascii("\nendstream"));
        return object.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
