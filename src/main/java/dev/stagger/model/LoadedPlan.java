package dev.stagger.model;

/** A plan together with the inventory it runs against. */
public record LoadedPlan(Plan plan, Inventory inventory) {
}
