package dev.aic.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code aic.web}: the largest request body of every path but those that declare a larger limit
 * (the document uploads).
 */
@ConfigurationProperties("aic.web")
record WebProperties(@DefaultValue("64KB") DataSize maxBodySize) {}
