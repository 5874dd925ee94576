package dev.aic.aiworker.extraction;

/**
 * A part of a document with one location: a page, a slide, or the text under one heading. Offsets
 * of chunks and citations count characters of {@link #text}.
 *
 * @param index the section's position in its document, from 0
 * @param text whitespace-normalised text, never blank; a heading's own title starts its section's
 *     text
 */
public record Section(int index, SectionLocation location, String text) {}
