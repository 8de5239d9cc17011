package dev.backprop.training;

import dev.backprop.domain.NotFoundException;
import dev.backprop.web.PageRequest;
import dev.backprop.web.PageResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Training jobs: submit, follow, list, cancel, and stream their progress. */
@RestController
@Tag(name = "Training jobs", description = "Train a network asynchronously and follow its progress")
class TrainingJobController {

  static final String IRIS_JOB =
      """
      { "dataset": "iris", "epochs": 200, "batchSize": 16, "learningRate": 0.05,
        "optimizer": "adam", "validationSplit": 0.2, "shuffle": true, "seed": 7,
        "standardize": true }
      """;

  static final String HISTORY_PAGE =
      """
      { "items": [
          { "epoch": 1, "loss": 1.0986, "validationLoss": 1.1021, "accuracy": 0.3417,
            "validationAccuracy": 0.3333 },
          { "epoch": 2, "loss": 1.0412, "validationLoss": 1.0497, "accuracy": 0.5083,
            "validationAccuracy": 0.4667 } ],
        "page": 0, "size": 1000, "total": 2 }
      """;

  static final String EVENTS_EXAMPLE =
      """
      event: epoch
      data: {"epoch":1,"loss":1.02,"accuracy":0.61,"validationLoss":1.05,"validationAccuracy":0.58}

      event: status
      data: {"id":"0b5f7a52-3c1e-4c1f-9a57-2f0d6f1e2a11","network":"iris","status":"SUCCEEDED"}
      """;

  private final TrainingService service;
  private final TrainingEventStreams streams;

  TrainingJobController(TrainingService service, TrainingEventStreams streams) {
    this.service = service;
    this.streams = streams;
  }

  @PostMapping(
      path = "/api/v1/networks/{name}/training-jobs",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "submitTrainingJob",
      summary = "Submit a training job",
      description =
          "Queues a job that trains the network by backpropagation; answers 202 with the job's"
              + " Location. A succeeded job adds a version to the network.")
  @ApiResponse(
      responseCode = "202",
      description = "Queued; `Location` names the job.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "429",
      description = "The job queue is full; try again later.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  ResponseEntity<TrainingJobResponse> submit(
      @Parameter(example = "iris") @PathVariable String name,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "iris", value = IRIS_JOB)))
          @Valid
          @RequestBody
          TrainingJobRequest request) {
    TrainingJobResponse job = service.submit(name, request);
    return ResponseEntity.accepted().location(location(job.id())).body(job);
  }

  @GetMapping(path = "/api/v1/training-jobs/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getTrainingJob",
      summary = "Get a training job",
      description =
          "Status, progress, metrics and history: at most 1000 entries, epochs 1, 1+k, 1+2k, ..."
              + " and always the last, where k is `historyStride`; every epoch at `.../history`.")
  TrainingJobResponse get(
      @Parameter(example = "0b5f7a52-3c1e-4c1f-9a57-2f0d6f1e2a11") @PathVariable String id) {
    return service.get(parse(id));
  }

  @GetMapping(
      path = "/api/v1/training-jobs/{id}/history",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getTrainingHistory",
      summary = "Page through a job's whole history",
      description =
          "One entry per finished epoch, in epoch order: page p holds epochs p*size+1 to"
              + " (p+1)*size; `total` is the number of epochs finished so far. The job's own"
              + " answer holds at most 1000 entries, thinned by `historyStride`.")
  @ApiResponse(
      responseCode = "200",
      description = "One page of the history.",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON_VALUE,
              examples = @ExampleObject(name = "first page", value = HISTORY_PAGE)))
  @ApiResponse(
      responseCode = "400",
      description = "`page` below 0, or `size` outside 1 to 5000; the problem's `errors` name it.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  @ApiResponse(
      responseCode = "404",
      description = "No training job of that id.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  PageResponse<EpochRecord> history(
      @PathVariable String id, @ParameterObject @Valid @ModelAttribute HistoryPageRequest page) {
    return service.history(parse(id), page);
  }

  @GetMapping(path = "/api/v1/training-jobs", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listTrainingJobs",
      summary = "List training jobs",
      description = "Newest first; filter by network and status.")
  PageResponse<TrainingJobResponse> list(
      @Parameter(example = "iris") @RequestParam(required = false) String network,
      @RequestParam(required = false) JobStatus status,
      @ParameterObject @Valid @ModelAttribute PageRequest page) {
    return service.list(network, status, page);
  }

  @PostMapping(
      path = "/api/v1/training-jobs/{id}/cancel",
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "cancelTrainingJob",
      summary = "Cancel a training job",
      description = "A running job stops before its next batch; 409 once the job has finished.")
  @ApiResponse(
      responseCode = "202",
      description = "Cancellation asked for; the job's state as it stands.",
      useReturnTypeSchema = true)
  @ApiResponse(
      responseCode = "409",
      description = "The job has finished.",
      content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
  ResponseEntity<TrainingJobResponse> cancel(
      @Parameter(example = "0b5f7a52-3c1e-4c1f-9a57-2f0d6f1e2a11") @PathVariable String id) {
    UUID uuid = parse(id);
    return ResponseEntity.accepted().location(location(uuid)).body(service.cancel(uuid));
  }

  @GetMapping(
      path = "/api/v1/training-jobs/{id}/events",
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      operationId = "streamTrainingJobEvents",
      summary = "Stream a job's progress",
      description =
          "Server-sent events: an `epoch` event for each epoch done and each one as it ends, then"
              + " a final `status` event, after which the stream closes.")
  @ApiResponse(
      responseCode = "200",
      description =
          "Server-sent events, e.g. `event: epoch` with `data:"
              + " {\"epoch\":1,\"loss\":1.02,\"accuracy\":0.61}`.",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(type = "string", example = EVENTS_EXAMPLE)))
  SseEmitter events(
      @Parameter(example = "0b5f7a52-3c1e-4c1f-9a57-2f0d6f1e2a11") @PathVariable String id) {
    UUID uuid = parse(id);
    service.find(uuid);
    return streams.open(uuid);
  }

  private static URI location(UUID id) {
    return URI.create("/api/v1/training-jobs/" + id);
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("training job '" + id + "'");
    }
  }
}
