import { generate } from 'selfsigned';

export interface ServingCertificate {
  cert: string;
  key: string;
}

/**
 * A self-signed serving certificate for 127.0.0.1 (an IP SAN — kubectl and client-node verify the
 * address they dial against the SANs) and localhost, made fresh at every start.
 */
export async function servingCertificate(host = '127.0.0.1'): Promise<ServingCertificate> {
  const isIp = /^[\d.]+$|:/.test(host);
  const altNames = [
    { type: 7 as const, ip: '127.0.0.1' },
    { type: 2 as const, value: 'localhost' },
    ...(host !== '127.0.0.1' && host !== 'localhost' ? [isIp ? { type: 7 as const, ip: host } : { type: 2 as const, value: host }] : []),
  ];
  const pems = await generate([{ name: 'commonName', value: 'drydock-test-apiserver' }], {
    keyType: 'ec',
    curve: 'P-256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
