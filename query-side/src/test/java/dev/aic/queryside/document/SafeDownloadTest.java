package dev.aic.queryside.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class SafeDownloadTest {

    @Test
    void pdfsTextAndImagesOpenInlineAndEverythingABrowserCouldRunIsAnAttachment() {
        for (String shown :
                new String[] {
                    "application/pdf", "text/plain; charset=UTF-8", "image/png", "IMAGE/JPEG"
                }) {
            assertThat(SafeDownload.inline(SafeDownload.mediaType(shown))).as(shown).isTrue();
        }
        for (String run :
                new String[] {
                    "text/html",
                    "image/svg+xml",
                    "application/xml",
                    "text/xml",
                    "application/xhtml+xml",
                    "text/markdown",
                    "application/javascript",
                    "not a type",
                    null,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                }) {
            assertThat(SafeDownload.inline(SafeDownload.mediaType(run))).as(run).isFalse();
        }
        assertThat(SafeDownload.mediaType("not a type"))
                .isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
    }

    @Test
    void everythingButAPdfIsSandboxed() {
        assertThat(SafeDownload.contentSecurityPolicy(MediaType.TEXT_HTML))
                .startsWith("default-src 'none'")
                .endsWith("; sandbox");
        assertThat(SafeDownload.contentSecurityPolicy(MediaType.IMAGE_PNG)).endsWith("; sandbox");
        assertThat(SafeDownload.contentSecurityPolicy(MediaType.APPLICATION_PDF))
                .isEqualTo("default-src 'none'; object-src 'self'");
    }

    @Test
    void theFileNameKeepsItsLettersAndLosesPathsControlsAndDirectionOverrides() {
        assertThat(
                        SafeDownload.contentDisposition(
                                MediaType.APPLICATION_PDF, "Résumé 2026.pdf", "fallback"))
                .isEqualTo(
                        "inline; filename=\"R_sum_ 2026.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf");
        assertThat(
                        SafeDownload.contentDisposition(
                                MediaType.TEXT_HTML, "../../etc/\"evil\";.html", "fallback"))
                .isEqualTo(
                        "attachment; filename=\"_evil__.html\"; filename*=UTF-8''%22evil%22%3B.html");
        assertThat(SafeDownload.fileName("C:\\Users\\me\\report.pdf", "fallback"))
                .isEqualTo("report.pdf");
        assertThat(SafeDownload.fileName("invoice\u202Efdp.exe", "fallback"))
                .isEqualTo("invoicefdp.exe");
        assertThat(SafeDownload.fileName("line\r\nbreak.txt", "fallback"))
                .isEqualTo("linebreak.txt");
        assertThat(SafeDownload.fileName(" ... ", "document-v1")).isEqualTo("document-v1");
        assertThat(SafeDownload.fileName(null, "document-v1")).isEqualTo("document-v1");
        String longName = "x".repeat(400) + ".pdf";
        assertThat(SafeDownload.fileName(longName, "fallback")).hasSize(150).endsWith(".pdf");
    }
}
