/**
 * Reading a state machine definition: {@link io.portico.states.asl.parse.DefinitionParser} turns the JSON
 * text into the {@link io.portico.states.asl.Definition} model after checking it the way Step Functions'
 * CreateStateMachine and ValidateStateMachineDefinition do, with their diagnostic codes, messages and
 * locations.
 */
package io.portico.states.asl.parse;
