package dev.backprop.dashboard;

import dev.backprop.domain.NotFoundException;
import dev.backprop.training.TrainingJobResponse;
import dev.backprop.training.TrainingService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A training job's loss and accuracy curves as a picture drawn on the server. */
@RestController
@Tag(name = "Training jobs")
class CurvesController {

  static final String SVG = "image/svg+xml";
  static final MediaType SVG_UTF8 = new MediaType("image", "svg+xml", StandardCharsets.UTF_8);

  /** The picture needs nothing from anywhere: opened on its own, it can load and run nothing. */
  static final String SVG_POLICY = "default-src 'none'; frame-ancestors 'self'";

  private final TrainingService jobs;

  CurvesController(TrainingService jobs) {
    this.jobs = jobs;
  }

  @GetMapping(path = "/api/v1/training-jobs/{id}/curves.svg", produces = SVG)
  @Operation(
      operationId = "drawTrainingJobCurves",
      summary = "Draw a job's curves",
      description =
          "An SVG of the loss and validation loss per epoch and, for classifiers, the accuracy and"
              + " validation accuracy on a second axis; labelled axes, ticks, a legend and a"
              + " title. While the job runs it shows the epochs done so far. Each curve has one"
              + " point per epoch up to "
              + Thinning.MAX_POINTS
              + " epochs; past that the epochs are cut into "
              + Thinning.MAX_POINTS / 2
              + " equal spans, each keeping its lowest and highest value, so spikes survive."
              + " NaN or infinite values are gaps in the line.",
      responses =
          @ApiResponse(
              responseCode = "200",
              description = "The curves",
              content = @Content(mediaType = SVG, schema = @Schema(type = "string"))))
  ResponseEntity<String> curves(
      @Parameter(example = "0b5f7a52-3c1e-4c1f-9a57-2f0d6f1e2a11") @PathVariable String id) {
    TrainingJobResponse job = jobs.getWithWholeHistory(parse(id));
    String svg = CurvesChart.render(curves(job));
    return ResponseEntity.ok()
        .contentType(SVG_UTF8)
        .cacheControl(CacheControl.noCache())
        .header("Content-Security-Policy", SVG_POLICY)
        .body(svg);
  }

  static CurvesChart.Curves curves(TrainingJobResponse job) {
    String title = job.network() + ": training job " + job.id().toString().substring(0, 8);
    String subtitle = job.status() + " · epoch " + job.epoch() + " of " + job.epochs();
    // A finished job's axis ends where it stopped (early stopping, cancel); a running one's
    // spans every epoch asked for, so the curve grows into the picture.
    int span = job.status().isFinished() ? job.epoch() : job.epochs();
    return new CurvesChart.Curves(title, subtitle, span, job.history());
  }

  private static UUID parse(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("training job '" + id + "'");
    }
  }
}
