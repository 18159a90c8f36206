package dev.rotor.scheduler.rest;

import java.io.OutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/** The text/plain side of the content negotiation: writes {@link ForPeople#text()}. */
@Provider
@Produces(MediaType.TEXT_PLAIN)
class ForPeopleWriter implements MessageBodyWriter<ForPeople> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ForPeople.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(ForPeople answer, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(answer.text().getBytes(StandardCharsets.UTF_8));
    }
}
