/** The single shared Jackson configuration ({@link io.portico.core.json.Json}). */
package io.portico.core.json;
