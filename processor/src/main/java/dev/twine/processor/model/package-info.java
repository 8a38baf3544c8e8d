/**
 * The processor's immutable picture of a protocol — what is on the wire, in order — built from
 * {@code javax.lang.model} by {@code validation} and read by {@code writing}. Nothing here touches
 * javac's element API except to carry the elements that diagnostics and originating elements need.
 */
package dev.twine.processor.model;
