package dev.stagger.model;

/** A machine that maintenance takes down; taking it down takes down every instance on it. */
public record Host(String name, String dc, String address, HostState state, Position position) {
    public boolean isDown() {
        return state == HostState.DOWN;
    }
}
