package dev.rotor.audit.rest;

import java.util.List;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.rotor.audit.backfill.BackfillNotPublishedException;
import dev.rotor.audit.backfill.BackfillRejectedException;
import dev.rotor.audit.service.PeerUnavailableException;
import dev.rotor.audit.service.StoresNotReadyException;

class ApiErrorMappers {

    /** Long enough for a rebalance or a restore of small stores to finish. */
    private static final String RETRY_AFTER_SECONDS = "5";

    /** A rejected backfill: the message and each bad line on its own. */
    record BackfillProblems(String message, List<String> problems) {
    }

    @ServerExceptionMapper
    RestResponse<ApiError> notFound(NotFoundException e) {
        return RestResponse.status(Response.Status.NOT_FOUND, new ApiError(e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<ApiError> notReady(StoresNotReadyException e) {
        return retryLater(e);
    }

    @ServerExceptionMapper
    RestResponse<ApiError> peerUnavailable(PeerUnavailableException e) {
        return retryLater(e);
    }

    @ServerExceptionMapper
    RestResponse<ApiError> backfillNotPublished(BackfillNotPublishedException e) {
        return retryLater(e);
    }

    @ServerExceptionMapper
    RestResponse<BackfillProblems> backfillRejected(BackfillRejectedException e) {
        return RestResponse.status(Response.Status.BAD_REQUEST, new BackfillProblems(e.getMessage(), e.problems()));
    }

    private static RestResponse<ApiError> retryLater(RuntimeException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE, new ApiError(e.getMessage()))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                // JSON even to Accept: text/plain (./rotor status), which only GET /api/secrets renders as text
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
