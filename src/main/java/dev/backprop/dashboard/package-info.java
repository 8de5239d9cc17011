/**
 * Pictures of networks and their training: the server-drawn loss curves of a job ({@code
 * curves.svg}) and the browser dashboard served at {@code /} (static files under {@code static/},
 * which call the same API as any client).
 */
package dev.backprop.dashboard;
