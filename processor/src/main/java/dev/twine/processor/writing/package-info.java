/**
 * Writes the Java sources of a protocol from its {@link dev.twine.processor.model model}: one
 * writer per generated type, each a {@link dev.twine.processor.writing.SourceFileWriter}.
 * Writers see only the model, never javac's elements (beyond passing them on as originating
 * elements).
 */
package dev.twine.processor.writing;
