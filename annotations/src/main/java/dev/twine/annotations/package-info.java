/**
 * The wire-format vocabulary: records annotated here are read by Twine's annotation processor,
 * which writes, next to them, a framer, an encoder, a handler interface with its dispatch table,
 * and the glue to serve them.
 *
 * <p>A protocol is a sealed interface annotated {@link dev.twine.annotations.Protocol}; each frame
 * is a record that it permits, annotated {@link dev.twine.annotations.Frame}. The protocol owns the
 * header bytes that frame the stream (the {@linkplain dev.twine.annotations.LengthField length},
 * the {@linkplain dev.twine.annotations.TagField tag} and any {@linkplain
 * dev.twine.annotations.Magic magic} bytes); a frame's record components fill every other byte, in
 * declaration order, from the first byte of the frame:
 *
 * <pre>{@code
 * @Protocol(length = @LengthField(offset = 0, width = 4),
 *           tag = @TagField(offset = 4, width = 4),
 *           maxFrameLength = 64 * 1024)
 * public sealed interface Seed permits Count, Total {}
 *
 * @Frame(tag = 0) public record Count() implements Seed {}
 * @Frame(tag = 1) public record Total(long total) implements Seed {}
 *
 * // Total(7) on the wire: 00 00 00 0c | 00 00 00 01 | 00 00 00 00 00 00 00 07
 * //                       length 12     tag 1         total (8 bytes)
 * }</pre>
 *
 * <p>Every annotation here has {@link java.lang.annotation.RetentionPolicy#CLASS CLASS}
 * retention: the processor reads them from source, and they stay in class files so that a
 * protocol compiled in one module can be read again by tools, but nothing reads them at run time
 * — generated code uses no reflection.
 */
package dev.twine.annotations;
