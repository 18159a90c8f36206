package dev.rotor.scheduler.rest;

/**
 * An answer that also reads well at a terminal: what {@code Accept: text/plain} gets (./rotor asks for it);
 * every other client gets the JSON, unchanged.
 */
interface ForPeople {

    String text();
}
