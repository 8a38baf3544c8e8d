/**
 * Reads a protocol's elements into the {@link dev.twine.processor.model model}, checking
 * everything along the way and reporting every problem found — not just the first — each on the
 * element and annotation value at fault, with the fix. A protocol with any problem generates
 * nothing; the others in the same compilation still do.
 */
package dev.twine.processor.validation;
