package dev.rotor.scheduler.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.rotor.scheduler.service.InvalidRequestException;
import dev.rotor.scheduler.service.NothingInFlightException;
import dev.rotor.scheduler.service.OutsideRegistrarScopeException;
import dev.rotor.scheduler.service.RevertRefusedException;
import dev.rotor.scheduler.service.UnknownSecretException;
import dev.rotor.scheduler.service.ViewNotReadyException;
import dev.rotor.scheduler.store.StoreUnavailableException;

class ErrorMappers {

    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    Response invalid(InvalidRequestException e) {
        return json(Response.Status.BAD_REQUEST, new ErrorBody(e.getMessage(), e.violations()));
    }

    @ServerExceptionMapper
    Response outsideScope(OutsideRegistrarScopeException e) {
        return json(Response.Status.FORBIDDEN, new ErrorBody(e.getMessage(), e.violations()));
    }

    @ServerExceptionMapper
    Response unknownSecret(UnknownSecretException e) {
        return json(Response.Status.NOT_FOUND, new ErrorBody(e.getMessage()));
    }

    @ServerExceptionMapper
    Response nothingInFlight(NothingInFlightException e) {
        return json(Response.Status.CONFLICT, new ErrorBody(e.getMessage()));
    }

    @ServerExceptionMapper
    Response revertRefused(RevertRefusedException e) {
        return json(Response.Status.CONFLICT, new ErrorBody(e.getMessage()));
    }

    @ServerExceptionMapper
    Response notReady(ViewNotReadyException e) {
        return Response.fromResponse(json(Response.Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage())))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    Response storeUnavailable(StoreUnavailableException e) {
        return json(Response.Status.SERVICE_UNAVAILABLE, new ErrorBody(e.getMessage()));
    }

    private static Response json(Response.Status status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
