import type { CredentialInput, CredentialType } from '../../../api/clusterTypes';

/** Everything the credential tabs hold; only the chosen tab's fields are sent. */
export interface CredentialFormState {
  type: CredentialType;
  kubeconfig: string;
  context: string;
  server: string;
  token: string;
  caData: string;
  certData: string;
  keyData: string;
  insecureSkipTLSVerify: boolean;
}

export function emptyCredentialForm(): CredentialFormState {
  return {
    type: 'kubeconfig',
    kubeconfig: '',
    context: '',
    server: '',
    token: '',
    caData: '',
    certData: '',
    keyData: '',
    insecureSkipTLSVerify: false,
  };
}

const present = (value: string) => value.trim() || undefined;

/** The request body for the chosen credential type; TLS verification is off only when ticked. */
export function toCredentialInput(form: CredentialFormState): CredentialInput {
  const insecure = form.insecureSkipTLSVerify ? { insecureSkipTLSVerify: true } : {};
  switch (form.type) {
    case 'kubeconfig':
      return { type: 'kubeconfig', kubeconfig: form.kubeconfig, context: present(form.context), ...insecure };
    case 'token':
      return {
        type: 'token',
        server: form.server.trim(),
        token: form.token.trim(),
        caData: present(form.caData),
        ...insecure,
      };
    case 'certificate':
      return {
        type: 'certificate',
        server: form.server.trim(),
        certData: form.certData.trim(),
        keyData: form.keyData.trim(),
        caData: present(form.caData),
        ...insecure,
      };
    case 'in-cluster':
      return { type: 'in-cluster' };
  }
}

/** Fields the chosen type needs and the user left empty, named as the server names them. */
export function missingCredentialFields(form: CredentialFormState): string[] {
  const required: Record<CredentialType, (keyof CredentialFormState)[]> = {
    kubeconfig: ['kubeconfig'],
    token: ['server', 'token'],
    certificate: ['server', 'certData', 'keyData'],
    'in-cluster': [],
  };
  return required[form.type].filter((field) => !String(form[field]).trim()).map((f) => `credential.${f}`);
}
