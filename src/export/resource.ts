// Who sends: service.name gomod-shim on this host. Only detectors that need no network
// (host name, arch and machine id; os; OTEL_RESOURCE_ATTRIBUTES). The process detector is left
// out on purpose: its process.command_args would carry go's arguments unredacted.
import { detectResources, envDetector, hostDetector, osDetector, type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { version } from '../../package.json';

export const SERVICE_NAME = 'gomod-shim';

export async function hangResource(): Promise<Resource> {
  const detected = detectResources({ detectors: [envDetector, hostDetector, osDetector] });
  await detected.waitForAsyncAttributes?.(); // host.id: /etc/machine-id, read asynchronously
  // Ours last, so it wins: an OTEL_SERVICE_NAME meant for the user's own programs must not relabel us.
  return detected.merge(resourceFromAttributes({ 'service.name': SERVICE_NAME, 'service.version': version }));
}
