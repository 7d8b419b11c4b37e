import { readSecretSetting } from '../config/appSettings';
import { ScimTargetConnector } from '../connectors/scim/ScimTargetConnector';
import type { TargetConnector } from '../connectors/targetConnector';
import { unavailableConnector } from '../connectors/unavailableConnector';
import type { JobDefinition } from '../domain/jobDefinition';

/**
 * Target connectors per job, reused across messages so HTTP connections stay alive. The token is read from
 * the app setting the job names, at use time, so rotating it needs no restart of the job definition.
 */
export function createConnectorFactory(env: Record<string, string | undefined>): (job: JobDefinition) => TargetConnector {
  const cache = new Map<string, { token: string | undefined; connector: TargetConnector }>();
  return (job) => {
    const target = job.target;
    const token = readSecretSetting(env, target.tokenSetting);
    const key = `${job.id}|${target.baseUrl}|${target.timeoutInMs}|${target.tokenSetting}|${target.maxConcurrency}|${JSON.stringify(target.bulk ?? null)}`;
    const cached = cache.get(key);
    if (cached && cached.token === token) return cached.connector;
    const connector = token
      ? new ScimTargetConnector({ baseUrl: target.baseUrl, token, timeoutInMs: target.timeoutInMs, ...(target.bulk ? { bulk: target.bulk, maxConcurrency: target.maxConcurrency } : {}) })
      : unavailableConnector(
          target.baseUrl,
          `The app setting '${target.tokenSetting}' named by target.tokenSetting is not set, so the target cannot be called`,
          'TargetCredentialsMissing',
        );
    cache.set(key, { token, connector });
    return connector;
  };
}
