package dev.backprop.search;

import dev.backprop.search.SearchResponse.Candidate;
import dev.backprop.training.TrainingProperties;
import dev.backprop.web.PolledEventStreams;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of a search: a {@code candidate} event for each candidate that has ended, then
 * one as each ends, then a final {@code status} event with the search, after which the stream
 * closes. Like a job's stream it polls the database, so it follows candidates on any replica.
 */
@Component
class SearchEvents {

  private final SearchRepository searches;
  private final SearchViews views;
  private final SearchProperties properties;
  private final TrainingProperties training;
  private final PolledEventStreams streams;

  SearchEvents(
      SearchRepository searches,
      SearchViews views,
      SearchProperties properties,
      TrainingProperties training,
      PolledEventStreams streams) {
    this.searches = searches;
    this.views = views;
    this.properties = properties;
    this.training = training;
    this.streams = streams;
  }

  SseEmitter open(UUID id) {
    Set<UUID> sent = new HashSet<>();
    // A search may queue its candidates behind each other: allow it many jobs' time.
    return streams.open(
        training.maxJobDuration().multipliedBy(properties.maxCandidates()),
        properties.eventPollInterval(),
        emitter -> sendNew(id, emitter, sent));
  }

  private boolean sendNew(UUID id, SseEmitter emitter, Set<UUID> sent) throws IOException {
    SearchRepository.SearchRow row = searches.find(id).orElse(null);
    if (row == null) {
      return true;
    }
    SearchResponse search = views.of(row);
    for (Candidate candidate : search.candidates()) {
      if (candidate.status().isFinished() && sent.add(candidate.job())) {
        emitter.send(
            SseEmitter.event().name("candidate").id(candidate.job().toString()).data(candidate));
      }
    }
    if (row.status().isFinished()) {
      emitter.send(SseEmitter.event().name("status").data(search));
      return true;
    }
    return false;
  }
}
