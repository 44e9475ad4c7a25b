/**
 * The document domain both examples share: sample text, chunking, stand-in embeddings and the tables they are stored
 * in.
 */
@NullMarked
package io.weaver.dbrouting.examples.documents;

import org.jspecify.annotations.NullMarked;
