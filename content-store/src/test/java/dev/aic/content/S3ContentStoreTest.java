package dev.aic.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 adapter against a real S3 API server: S3Proxy on a filesystem blob store, with AWS
 * signatures checked, reached the way production reaches an S3-compatible store (endpoint override,
 * path-style, credentials from the default provider chain).
 */
class S3ContentStoreTest {

    private static final String BUCKET = "aic-documents-test";
    private static final String ACCESS_KEY = "test-access-key";
    private static final String SECRET_KEY = "test-secret-key";

    private static S3Proxy s3Proxy;
    private static S3Client s3;
    private static S3ContentStore store;

    @TempDir static Path blobs;
    @TempDir Path work;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", blobs.toString());
        BlobStoreContext context =
                ContextBuilder.newBuilder("filesystem")
                        .overrides(overrides)
                        .build(BlobStoreContext.class);
        s3Proxy =
                S3Proxy.builder()
                        .blobStore(context.getBlobStore())
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                        .endpoint(URI.create("http://127.0.0.1:0"))
                        .build();
        s3Proxy.start();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> AbstractLifeCycle.STARTED.equals(s3Proxy.getState()));
        // the SDK's default chain reads these before the environment and profiles
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        var properties =
                new ContentStoreProperties.S3(
                        BUCKET, "us-east-1", "http://127.0.0.1:" + s3Proxy.getPort(), true);
        s3 = ContentStoreConfiguration.s3Client(properties);
        s3.createBucket(request -> request.bucket(BUCKET));
        store = new S3ContentStore(s3, BUCKET);
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        s3.close();
        s3Proxy.stop();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void storedContentIsReadBackByteForByteWithItsContentType() throws IOException {
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(work.resolve("upload.bin"), bytes);

        store.put("documents/d1/v1", file, "application/pdf");

        assertThat(store.exists("documents/d1/v1")).isTrue();
        try (InputStream in = store.get("documents/d1/v1")) {
            assertThat(in.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(
                        s3.headObject(request -> request.bucket(BUCKET).key("documents/d1/v1"))
                                .contentType())
                .isEqualTo("application/pdf");
    }

    @Test
    void aRangeIsReadWithoutTheRestOfTheObject() throws IOException {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        store.put(
                "documents/d4/v1",
                Files.write(work.resolve("large.pdf"), bytes),
                "application/pdf");

        try (InputStream middle = store.get("documents/d4/v1", 65_536, 1_000);
                InputStream last = store.get("documents/d4/v1", 199_990, 50)) {
            assertThat(middle.readAllBytes())
                    .isEqualTo(java.util.Arrays.copyOfRange(bytes, 65_536, 66_536));
            assertThat(last.readAllBytes())
                    .isEqualTo(java.util.Arrays.copyOfRange(bytes, 199_990, 200_000));
        }
        assertThatThrownBy(() -> store.get("documents/d4/none", 0, 10))
                .isInstanceOf(ContentStore.NoSuchContentException.class);
    }

    @Test
    void deletedContentIsGoneAndDeletingAgainIsHarmless() throws IOException {
        Path file =
                Files.writeString(work.resolve("notes.md"), "# Notes\n", StandardCharsets.UTF_8);
        store.put("documents/d2/v1", file, "text/markdown");

        store.delete("documents/d2/v1");
        store.delete("documents/d2/v1");

        assertThat(store.exists("documents/d2/v1")).isFalse();
        assertThatThrownBy(() -> store.get("documents/d2/v1"))
                .isInstanceOf(ContentStore.NoSuchContentException.class);
    }

    @Test
    void wrongCredentialsAreRefusedByTheServer() throws IOException {
        Path file = Files.writeString(work.resolve("x.txt"), "x", StandardCharsets.UTF_8);
        try (S3Client intruder =
                S3Client.builder()
                        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                        .endpointOverride(URI.create("http://127.0.0.1:" + s3Proxy.getPort()))
                        .forcePathStyle(true)
                        .credentialsProvider(
                                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider
                                        .create(
                                                software.amazon.awssdk.auth.credentials
                                                        .AwsBasicCredentials.create(
                                                        ACCESS_KEY, "wrong")))
                        .build()) {
            assertThatThrownBy(
                            () ->
                                    new S3ContentStore(intruder, BUCKET)
                                            .put("documents/d3/v1", file, "text/plain"))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class);
        }
        assertThat(store.exists("documents/d3/v1")).isFalse();
    }

    @Test
    void keysThatCouldEscapeTheirPlaceAreRefused() {
        assertThatThrownBy(() -> store.exists("../secrets"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.exists("/absolute"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
