package dev.backprop.search;

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

/** Hyperparameter searches: start, follow, list, cancel, and stream their candidates' ends. */
@RestController
@Tag(
    name = "Hyperparameter searches",
    description =
        "Train many candidates over a grid or a random draw and keep the best as a version")
class SearchController {

  static final String IRIS_SEARCH =
      """
      { "dataset": "iris", "strategy": "grid",
        "base": { "epochs": 100, "batchSize": 16, "validationSplit": 0.2, "seed": 7 },
        "space": { "learningRate": [0.01, 0.05, 0.1], "optimizer": ["sgd", "adam"],
                   "batchSize": [16, 32] },
        "metric": "validationLoss", "maxCandidates": 12, "maxDuration": "PT10M", "seed": 11 }
      """;
  private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

  private final SearchService service;
  private final SearchEvents events;

  SearchController(SearchService service, SearchEvents events) {
    this.service = service;
    this.events = events;
  }

  @PostMapping(
      path = "/api/v1/networks/{name}/searches",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "createSearch",
      summary = "Start a hyperparameter search",
      description =
          "Queues one training job per candidate (a grid's combinations in order, or distinct ones"
              + " drawn with the search's seed) and answers 202 with the search's Location. When"
              + " the candidates are done, the best by the metric becomes one new version.")
  @ApiResponse(responseCode = "202", description = "Started; `Location` names the search.")
  @ApiResponse(
      responseCode = "400",
      description =
          "A field is refused; `errors` names it, e.g. `space.momentum[1]`, `space.foo` (unknown"
              + " hyperparameter), `space` (more combinations than"
              + " `backprop.search.max-candidates` without `maxCandidates`), `metric` (a"
              + " validation metric without `base.validationSplit`).",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "404",
      description = "No network, or no data set, of that name.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "429",
      description =
          "The candidates would not fit in the queue (`backprop.limits.max-queued-jobs`).",
      content = @Content(mediaType = PROBLEM))
  ResponseEntity<SearchResponse> create(
      @Parameter(example = "iris") @PathVariable String name,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      examples = @ExampleObject(name = "iris", value = IRIS_SEARCH)))
          @Valid
          @RequestBody
          SearchRequest request) {
    SearchResponse search = service.start(name, request);
    return ResponseEntity.accepted().location(location(search.id())).body(search);
  }

  @GetMapping(path = "/api/v1/searches/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "getSearch",
      summary = "Get a hyperparameter search",
      description = "Status, every candidate with its metrics, and the leaderboard, best first.")
  @ApiResponse(responseCode = "200", description = "The search")
  @ApiResponse(
      responseCode = "404",
      description = "No search of that id.",
      content = @Content(mediaType = PROBLEM))
  SearchResponse get(@PathVariable String id) {
    return service.get(parse(id));
  }

  @GetMapping(path = "/api/v1/searches", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "listSearches",
      summary = "List hyperparameter searches",
      description = "Newest first; filter by network.")
  @ApiResponse(responseCode = "200", description = "A page of searches")
  @ApiResponse(
      responseCode = "400",
      description = "A page or size out of range.",
      content = @Content(mediaType = PROBLEM))
  PageResponse<SearchResponse> list(
      @Parameter(example = "iris") @RequestParam(required = false) String network,
      @Valid @ModelAttribute PageRequest page) {
    return service.list(network, page);
  }

  @PostMapping(path = "/api/v1/searches/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      operationId = "cancelSearch",
      summary = "Cancel a hyperparameter search",
      description =
          "Cancels the candidates still queued or running; a cancelled search keeps no version.")
  @ApiResponse(responseCode = "202", description = "Cancelled")
  @ApiResponse(
      responseCode = "404",
      description = "No search of that id.",
      content = @Content(mediaType = PROBLEM))
  @ApiResponse(
      responseCode = "409",
      description = "The search has already finished.",
      content = @Content(mediaType = PROBLEM))
  ResponseEntity<SearchResponse> cancel(@PathVariable String id) {
    UUID uuid = parse(id);
    return ResponseEntity.accepted().location(location(uuid)).body(service.cancel(uuid));
  }

  @GetMapping(path = "/api/v1/searches/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @Operation(
      operationId = "streamSearchEvents",
      summary = "Stream a search's progress",
      description =
          "Server-sent events: a `candidate` event for each candidate that has ended and for each"
              + " one as it ends, then a final `status` event with the search, after which the"
              + " stream closes.")
  @ApiResponse(
      responseCode = "200",
      description = "The event stream",
      content =
          @Content(
              mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
              schema = @Schema(type = "string")))
  @ApiResponse(
      responseCode = "404",
      description = "No search of that id.",
      content = @Content(mediaType = PROBLEM))
  SseEmitter events(@PathVariable String id) {
    UUID uuid = parse(id);
    service.find(uuid);
    return events.open(uuid);
  }

  private static URI location(UUID id) {
    return URI.create("/api/v1/searches/" + id);
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("search '" + id + "'");
    }
  }
}
