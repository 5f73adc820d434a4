/**
 * Task resources that call other AWS services through the kit's call bus: Lambda (the optimized
 * {@code lambda:invoke} integration and function ARNs) and the AWS SDK integrations
 * ({@code aws-sdk:<service>:<action>}) for every service Portico serves. Nothing here knows another
 * module; each call goes through the bus with the execution's account and region, as the wire would.
 */
package io.portico.states.integrations;
