package dev.aic.queryside.document;

import dev.aic.content.ContentStoreConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The content store the command-side writes, which this service only reads ({@code aic.content}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ContentStoreConfiguration.class)
class DocumentContentConfiguration {}
