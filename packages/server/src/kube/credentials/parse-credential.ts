import { validationFailed } from '../../core/errors/errors.ts';
import type { ConnectionSpec } from '../connections/connection-spec.ts';
import type { CredentialInput, ParsedCredential } from './credential.ts';
import { inClusterSpec, type InClusterEnvironment } from './in-cluster.ts';
import { parseKubeconfigCredential } from './kubeconfig-credential.ts';
import { certificatePem, privateKeyPem, serverUrl } from './pem.ts';

function required(input: CredentialInput, key: keyof CredentialInput): string {
  const value = input[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw validationFailed(
      `credential.${key}`,
      `credential.${key} is required for a ${input.type} credential`,
    );
  }
  return value;
}

function view(type: ParsedCredential['view']['type'], spec: ConnectionSpec): ParsedCredential['view'] {
  return { type, server: spec.server, insecureSkipTLSVerify: spec.insecureSkipTLSVerify };
}

function optionalCa(input: CredentialInput): string | undefined {
  return input.caData?.trim() ? certificatePem(input.caData, 'credential.caData') : undefined;
}

/**
 * Checks a submitted credential field by field and reduces it to what is stored and how to
 * connect. TLS verification is only ever off when the caller said so explicitly.
 */
export async function parseCredential(
  input: CredentialInput,
  inCluster: InClusterEnvironment,
): Promise<ParsedCredential> {
  switch (input.type) {
    case 'kubeconfig': {
      const parsed = parseKubeconfigCredential(
        required(input, 'kubeconfig'),
        input.context?.trim() || undefined,
        input.insecureSkipTLSVerify === true,
      );
      return {
        stored: { type: 'kubeconfig', context: parsed.context, connection: parsed.spec },
        spec: parsed.spec,
        view: view('kubeconfig', parsed.spec),
      };
    }
    case 'token': {
      const caData = optionalCa(input);
      const spec: ConnectionSpec = {
        server: serverUrl(required(input, 'server'), 'credential.server'),
        token: required(input, 'token').trim(),
        insecureSkipTLSVerify: input.insecureSkipTLSVerify === true,
        ...(caData && { caData }),
      };
      return { stored: { type: 'token', connection: spec }, spec, view: view('token', spec) };
    }
    case 'certificate': {
      const caData = optionalCa(input);
      const spec: ConnectionSpec = {
        server: serverUrl(required(input, 'server'), 'credential.server'),
        certData: certificatePem(required(input, 'certData'), 'credential.certData'),
        keyData: privateKeyPem(required(input, 'keyData'), 'credential.keyData'),
        insecureSkipTLSVerify: input.insecureSkipTLSVerify === true,
        ...(caData && { caData }),
      };
      return { stored: { type: 'certificate', connection: spec }, spec, view: view('certificate', spec) };
    }
    case 'in-cluster': {
      const spec = await inClusterSpec(inCluster);
      return { stored: { type: 'in-cluster' }, spec, view: view('in-cluster', spec) };
    }
  }
}
