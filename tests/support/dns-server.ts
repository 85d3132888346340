import dgram from 'node:dgram';
import type { AddressInfo } from 'node:net';
import * as packet from 'dns-packet';

/** What the test DNS server answers for one name. */
export type DnsBehaviour =
  /** TXT records; a record given as a list is sent as several strings, as long values are. */
  { txt: (string | string[])[] } | { servfail: true } | { timeout: true } | { empty: true };

/** A real DNS server on loopback (UDP), answering from a table the test controls. */
export async function startDnsServer(port = 0) {
  const table = new Map<string, DnsBehaviour>();
  const socket = dgram.createSocket('udp4');
  socket.on('message', (message, remote) => {
    let query: packet.Packet;
    try {
      query = packet.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (!question) return;
    const behaviour = table.get(question.name.toLowerCase());
    if (behaviour && 'timeout' in behaviour) return;
    const flags = packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE;
    let rcode = 'NOERROR';
    let answers: packet.Answer[] = [];
    if (!behaviour) rcode = 'NXDOMAIN';
    else if ('servfail' in behaviour) rcode = 'SERVFAIL';
    else if ('txt' in behaviour && question.type === 'TXT') {
      answers = behaviour.txt.map((value) => ({
        type: 'TXT',
        name: question.name,
        ttl: 60,
        class: 'IN',
        data: (Array.isArray(value) ? value : [value]).map((chunk) => Buffer.from(chunk)),
      })) as packet.Answer[];
    }
    const response = packet.encode({
      id: query.id,
      type: 'response',
      flags: flags | (rcode === 'NXDOMAIN' ? 3 : rcode === 'SERVFAIL' ? 2 : 0),
      questions: [question],
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', () => resolve()));
  const address = socket.address() as AddressInfo;
  return {
    port: address.port,
    server: `127.0.0.1:${address.port}`,
    set(name: string, behaviour: DnsBehaviour) {
      table.set(name.toLowerCase(), behaviour);
    },
    remove(name: string) {
      table.delete(name.toLowerCase());
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
