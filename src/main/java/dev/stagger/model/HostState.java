package dev.stagger.model;

public enum HostState { UP, DOWN }
