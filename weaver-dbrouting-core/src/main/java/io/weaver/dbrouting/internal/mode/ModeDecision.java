package io.weaver.dbrouting.internal.mode;

import io.weaver.dbrouting.PoolMode;

/** A resolved pool mode and the reason for it, in words for the log. */
public record ModeDecision(PoolMode mode, String reason) {}
