package dev.aic.commandside.document;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aic.documents}: how large an upload may be. Where content is stored is
 * {@link dev.aic.content.ContentStoreProperties}, under the same prefix.
 *
 * @param maxBytes the largest file accepted (50 MB); larger uploads are answered 413
 */
@ConfigurationProperties("aic.documents")
record DocumentProperties(@DefaultValue("50MB") DataSize maxBytes) {
}
