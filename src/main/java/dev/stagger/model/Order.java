package dev.stagger.model;

/** How steps are ordered: each after the previous one, or only by {@code after}. */
public enum Order { SEQUENCE, GRAPH }
