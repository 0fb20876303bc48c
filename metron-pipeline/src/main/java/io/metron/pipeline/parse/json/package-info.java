/**
 * JSON parsers: {@link io.metron.pipeline.parse.json.JsonMapParser} (Metron's generic {@code
 * JSONMapParser}, with the {@link io.metron.pipeline.parse.json.JsonPath} subset for {@code
 * jsonpQuery}), {@link io.metron.pipeline.parse.json.SuricataParser} (EVE JSON), {@link
 * io.metron.pipeline.parse.json.LogstashParser} and {@link
 * io.metron.pipeline.parse.json.LancopeParser}.
 */
package io.metron.pipeline.parse.json;
