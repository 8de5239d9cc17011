package dev.backprop.training;

import dev.backprop.engine.Model;
import dev.backprop.network.VersionMetrics;
import java.util.List;
import java.util.UUID;

/**
 * What a search's candidate that succeeded keeps instead of a version: its parameters, the class
 * labels of its outputs and the metrics of the epoch whose weights it holds.
 *
 * @param job the candidate's job
 * @param metrics the metrics of the kept epoch (the best under early stopping, else the last)
 * @param labels the class labels of the outputs, null if none
 * @param model the parameters
 */
public record KeptResult(UUID job, VersionMetrics metrics, List<String> labels, Model model) {}
