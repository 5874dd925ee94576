package dev.aic.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The search-quality corpus: the library reference and the tutorial of Debian's {@code
 * python3.11-doc} HTML manual, a real software manual of a few hundred pages that is installed on
 * the machine, never committed.
 *
 * <p>Every {@code library/*.html} and {@code tutorial/*.html} page, in path order, is one document.
 * A few pages, spread evenly over that order, are converted by LibreOffice to PDF and to DOCX, so
 * the platform's extraction of all three formats takes part; the rest are uploaded as HTML. Where
 * LibreOffice cannot load a chosen page, the next page in order that it can load is converted
 * instead. Conversions are kept under {@code <out>/search-quality/converted/}: a PDF carries its
 * creation time, so converting again would make new bytes, and the next run would upload them as a
 * new document.
 */
final class PythonManual {

    static final String PACKAGE = "python3.11-doc";
    private static final String LIBREOFFICE_PACKAGE = "libreoffice-writer-nogui";
    private static final List<String> SECTIONS = List.of("library", "tutorial");
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL);
    private static final Pattern TITLE_SUFFIX =
            Pattern.compile("\\s+—\\s+Python [0-9.]+ documentation\\s*$");
    private static final long CONVERSION_TIMEOUT_SECONDS = 180;

    enum Format {
        HTML("html", "text/html"),
        PDF("pdf", "application/pdf"),
        DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        final String extension;
        final String contentType;

        Format(String extension, String contentType) {
            this.extension = extension;
            this.contentType = contentType;
        }
    }

    /**
     * One page as uploaded.
     *
     * @param page its path in the manual, e.g. {@code library/sched.html}: how questions name it
     * @param title the page's own title, without the manual's suffix
     * @param uploadName the file name sent, unique in the corpus, e.g. {@code library-sched.pdf}
     * @param file the bytes to send: the installed page, or its conversion
     */
    record Page(String page, String title, Format format, String uploadName, Path file) {}

    private PythonManual() {}

    /**
     * Installs the manual when missing, selects its pages and converts the chosen few; a page whose
     * conversion fails, or every page when LibreOffice cannot be installed, stays HTML, and {@code
     * say} tells.
     */
    static List<Page> prepare(SearchQualityOptions options, Consumer<String> say)
            throws IOException, InterruptedException {
        Path root = options.manual();
        if (!Files.isDirectory(root.resolve("library"))) {
            if (!DebianPackages.ensure(PACKAGE, say)
                    || !Files.isDirectory(root.resolve("library"))) {
                throw new IllegalStateException(
                        "the manual is not at "
                                + root
                                + " and "
                                + PACKAGE
                                + " could not be installed (apt-get install -y "
                                + PACKAGE
                                + ", as root)");
            }
        } else {
            say.accept("the manual is installed at " + root);
        }
        List<String> paths = new ArrayList<>();
        for (String section : SECTIONS) {
            try (Stream<Path> files = Files.list(root.resolve(section))) {
                files.map(file -> section + "/" + file.getFileName())
                        .filter(path -> path.endsWith(".html"))
                        .forEach(paths::add);
            }
        }
        paths.sort(String::compareTo);

        Format[] planned = formats(paths.size(), options.pdfPages(), options.docxPages());
        boolean converting = options.pdfPages() + options.docxPages() > 0;
        if (converting && !DebianPackages.ensure(LIBREOFFICE_PACKAGE, say)) {
            say.accept("LibreOffice is not available: every page is uploaded as HTML");
            converting = false;
        }
        Path converted = options.outputDirectory().resolve("search-quality").resolve("converted");
        Format[] formats = new Format[paths.size()];
        Path[] files = new Path[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            formats[i] = Format.HTML;
            files[i] = root.resolve(paths.get(i));
        }
        boolean[] tried = new boolean[paths.size()];
        for (int i = 0; converting && i < paths.size(); i++) {
            if (planned[i] == Format.HTML) {
                continue;
            }
            // LibreOffice 7.4 cannot load some of these pages at all; the next page it can load
            // takes the place,
            // which keeps the count and, for the same LibreOffice, the choice
            for (int candidate = i; candidate < paths.size(); candidate++) {
                if (tried[candidate] || planned[candidate] != Format.HTML && candidate != i) {
                    continue;
                }
                tried[candidate] = true;
                Path file =
                        convert(files[candidate], converted, paths.get(candidate), planned[i], say);
                if (file != null) {
                    formats[candidate] = planned[i];
                    files[candidate] = file;
                    break;
                }
            }
        }
        List<Page> pages = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            String stem = path.substring(0, path.length() - ".html".length()).replace('/', '-');
            pages.add(
                    new Page(
                            path,
                            title(root.resolve(path), path),
                            formats[i],
                            stem + "." + formats[i].extension,
                            files[i]));
        }
        return List.copyOf(pages);
    }

    /**
     * The format of each of {@code size} pages in path order: {@code pdf + docx} of them spread
     * evenly, alternately PDF and DOCX while both remain, the rest HTML.
     */
    static Format[] formats(int size, int pdf, int docx) {
        Format[] formats = new Format[size];
        java.util.Arrays.fill(formats, Format.HTML);
        int converted = Math.min(size, pdf + docx);
        int pdfLeft = pdf;
        int docxLeft = docx;
        for (int k = 0; k < converted; k++) {
            int index = (int) ((k + 0.5) * size / converted);
            boolean pdfTurn = pdfLeft > 0 && (docxLeft == 0 || k % 2 == 0);
            formats[index] = pdfTurn ? Format.PDF : Format.DOCX;
            if (pdfTurn) {
                pdfLeft--;
            } else {
                docxLeft--;
            }
        }
        return formats;
    }

    /** The {@code <title>}, with the manual's "— Python 3.11.2 documentation" suffix taken off. */
    static String title(Path html, String fallback) throws IOException {
        String text = Files.readString(html, StandardCharsets.UTF_8);
        Matcher title = TITLE.matcher(text);
        if (!title.find()) {
            return fallback;
        }
        String plain =
                TITLE_SUFFIX
                        .matcher(unescape(title.group(1).strip().replaceAll("\\s+", " ")))
                        .replaceAll("");
        return plain.length() > 200 ? plain.substring(0, 200) : plain;
    }

    private static String unescape(String text) {
        Matcher entity = Pattern.compile("&#(\\d+);").matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            entity.appendReplacement(
                    out,
                    Matcher.quoteReplacement(
                            new String(Character.toChars(Integer.parseInt(entity.group(1))))));
        }
        entity.appendTail(out);
        return out.toString()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
    }

    /**
     * The page converted by LibreOffice, from the cache when an earlier run converted it; null when
     * the conversion fails. PDF is Writer/Web's export of the page as a browser would print it;
     * DOCX goes through Word 2007 XML export.
     */
    private static Path convert(
            Path html, Path cache, String path, Format format, Consumer<String> say)
            throws IOException, InterruptedException {
        Path directory = cache.resolve(path.substring(0, path.indexOf('/')));
        String name = html.getFileName().toString();
        Path target =
                directory.resolve(
                        name.substring(0, name.length() - ".html".length())
                                + "."
                                + format.extension);
        if (Files.exists(target) && Files.size(target) > 0) {
            return target;
        }
        Files.createDirectories(directory);
        String filter =
                format == Format.PDF ? "pdf:writer_web_pdf_Export" : "docx:MS Word 2007 XML";
        // a profile of its own, so a LibreOffice the user has open does not take the conversion
        // over
        String profile = cache.resolve("libreoffice-profile").toAbsolutePath().toUri().toString();
        Path log = cache.resolve("libreoffice.log");
        Process soffice =
                new ProcessBuilder(
                                "soffice",
                                "--headless",
                                "--norestore",
                                "-env:UserInstallation=" + profile,
                                "--convert-to",
                                filter,
                                "--outdir",
                                directory.toAbsolutePath().toString(),
                                html.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        if (!soffice.waitFor(CONVERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            soffice.destroyForcibly();
            say.accept(
                    path
                            + ": LibreOffice did not convert it to "
                            + format
                            + " within "
                            + CONVERSION_TIMEOUT_SECONDS
                            + " s; it stays HTML and the next page is tried");
            return null;
        }
        if (soffice.exitValue() != 0 || !Files.exists(target) || Files.size(target) == 0) {
            say.accept(
                    path
                            + ": LibreOffice could not convert it to "
                            + format
                            + " (exit "
                            + soffice.exitValue()
                            + ", see "
                            + log
                            + "); it stays HTML and the next page is tried");
            Files.deleteIfExists(target);
            return null;
        }
        say.accept(
                String.format(
                        Locale.ROOT,
                        "converted %s to %s (%,d bytes)",
                        path,
                        format,
                        Files.size(target)));
        return target;
    }
}
