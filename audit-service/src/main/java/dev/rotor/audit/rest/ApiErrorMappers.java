package dev.rotor.audit.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.rotor.audit.service.StoresNotReadyException;

class ApiErrorMappers {

    /** Long enough for a rebalance or a restore of small stores to finish. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper
    RestResponse<ApiError> notFound(NotFoundException e) {
        return RestResponse.status(Response.Status.NOT_FOUND, new ApiError(e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> notReady(StoresNotReadyException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE, new ApiError(e.getMessage()))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
