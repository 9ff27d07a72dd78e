/** The HTTP API (CONTRACT §3): thin adapters over the features. */
package guichet.web;
