package dev.aic.commandside.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aic.documents}: how large an upload may be, and how many may be received at once. Where content is
 * stored is {@link dev.aic.content.ContentStoreProperties}, under the same prefix.
 *
 * @param maxBytes             the largest file accepted (50 MB); larger uploads are answered 413
 * @param maxUploads           uploads received at once by this instance, all members together: each may hold
 *                             up to {@code maxBytes} of temporary disk (a pod has 256 Mi), so 4 by default
 * @param maxUploadsPerMember  uploads one member may send at once (2); more are answered 429 at once
 */
@ConfigurationProperties("aic.documents")
record DocumentProperties(@DefaultValue("50MB") DataSize maxBytes, @DefaultValue("4") int maxUploads,
                          @DefaultValue("2") int maxUploadsPerMember) {
}
