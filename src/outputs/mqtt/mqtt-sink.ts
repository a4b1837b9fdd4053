import { randomBytes } from 'node:crypto';
import type { IClientPublishOptions, MqttClient } from 'mqtt';
import { redactCredentials } from '../../errors.js';
import type { SiteModel } from '../../model/site-model.js';
import { enumLabels } from '../../model/entity-facts.js';
import { StreamingSink } from '../delivery/streaming-sink.js';
import { publishPacketsQos0 } from './mqtt-publish-packets.js';
import type { ChunkEncoder } from '../delivery/streaming-sink.js';
import { PointTemplate } from '../delivery/topic-template.js';
import { messageBody, readingsIn } from '../delivery/transport.js';
import type { DeliveryStats } from '../delivery/delivery-stats.js';
import type { WriteSummary } from '../output.js';
import type { Delivery, SendResult, Transport } from '../delivery/transport.js';
import { mqttEncoder } from './mqtt-encoder.js';
import { parseMqttOptions, topicLevel } from './mqtt-options.js';
import type { MqttOptions, MqttOptionsInput } from './mqtt-options.js';

/**
 * Publishes each reading as JSON to its topic (`--mqtt URL --topic TEMPLATE`),
 * or one message per equipment and timestamp holding all its readings
 * (`--mqtt-payload equip`: a broker pays per message, not per byte), with MQTT.js, imported in open() so other runs never load it; a caller may
 * pass a connected client instead (left open by close()).
 *
 * MQTT.js owns the connection: it reconnects every `reconnectMs` and re-sends
 * QoS 1 messages that were in flight. A batch published while disconnected
 * fails at once (no offline buffering in MQTT.js: memory stays in the bounded
 * queue) and is retried by the delivery queue from its first failed reading.
 * QoS 0 is at most once: readings written just before a broker dies are lost,
 * and nothing says which. `stats.possiblyLost` counts the readings published
 * after the broker's last packet on a connection that then broke: an upper bound.
 */
export class MqttSink extends StreamingSink {
  readonly name = 'mqtt';
  private readonly options: MqttOptions;
  private readonly template: PointTemplate;
  private client: MqttClient | undefined;
  private readonly external: MqttClient | undefined;
  /** QoS 0 readings written since the broker's last packet on this connection */
  private unconfirmed = 0;
  private lost = 0;

  constructor(input: MqttOptionsInput & { client?: MqttClient }) {
    const options = parseMqttOptions(input);
    super(options, options.inflight, { onEvent: input.onEvent, random: input.random });
    this.options = options;
    this.external = input.client;
    this.template = new PointTemplate(options.topic, 'mqtt.topic', topicLevel);
  }

  override get stats(): DeliveryStats {
    return { ...super.stats, possiblyLost: this.lost };
  }

  override async finish(): Promise<WriteSummary> {
    const summary = await super.finish();
    if (this.lost === 0) return summary;
    return { ...summary, location: `${summary.location} (QoS 0: up to ${this.lost} readings possibly lost when the connection broke)` };
  }

  protected get target(): string {
    return `${redactCredentials(this.options.url)} topic ${this.options.topic}`;
  }

  protected async connect(): Promise<Transport> {
    this.client = this.external ?? (await this.connectClient());
    // any packet from the broker shows it was alive after what came before; a broken connection loses what came since
    this.client.on('packetreceive', () => (this.unconfirmed = 0));
    this.client.on('close', () => {
      this.lost += this.unconfirmed;
      this.unconfirmed = 0;
    });
    const publish: IClientPublishOptions = { qos: this.options.qos, retain: this.options.retain };
    return { send: (item, from) => this.publish(item, from, publish) };
  }

  protected async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.unconfirmed = 0; // an orderly end flushes the socket before it closes: nothing is lost
    if (!client || client === this.external) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => client.end(true, {}, () => resolve()), 2_000);
      client.end(!client.connected, {}, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  protected createEncoder(model: SiteModel): ChunkEncoder {
    const { publishBatch, inflight, payload } = this.options;
    return mqttEncoder(model.points, enumLabels(model.entities), (p) => this.template.expand(p), publishBatch, inflight, payload);
  }

  private async connectClient(): Promise<MqttClient> {
    const { connect } = await import('mqtt');
    const o = this.options;
    const client = connect(o.url, {
      clientId: o.clientId ?? `haysim-${randomBytes(6).toString('hex')}`,
      username: o.username,
      password: o.password,
      clean: true,
      connectTimeout: o.connectTimeoutMs,
      reconnectPeriod: o.reconnectMs,
      queueQoSZero: false, // never buffer offline in MQTT.js: the delivery queue holds (and bounds) everything
    });
    // failures surface through publish callbacks; an unhandled 'error' event would crash the process
    client.on('error', () => undefined);
    let settle: ((error?: Error) => void) | undefined;
    const onError = (error: Error) => settle?.(error);
    const onClose = () => settle?.(new Error('connection closed before CONNACK (is the broker running?)'));
    try {
      await new Promise<void>((resolve, reject) => {
        settle = (error) => (error ? reject(error) : resolve());
        client.once('connect', () => settle?.());
        client.on('error', onError).on('close', onClose);
      });
    } catch (error) {
      client.end(true);
      throw error;
    } finally {
      client.off('error', onError).off('close', onClose); // only ours: MQTT.js listens to 'close' itself
    }
    return client;
  }

  private publish(item: Delivery, from: number, options: IClientPublishOptions): Promise<SendResult> {
    const client = this.client;
    const n = item.targets.length;
    if (!client?.connected) return Promise.resolve({ delivered: 0, error: new Error('not connected to the broker'), retryable: true });
    return options.qos === 0 ? this.publishQos0(client, item, from, options) : this.publishQos1(client, item, from, options, n);
  }

  /**
   * QoS 0 has nothing to wait for but the socket: one write and at most one
   * wait for 'drain' per batch (a library call per message tops out near 80k
   * readings/s).
   */
  private async publishQos0(client: MqttClient, item: Delivery, from: number, options: IClientPublishOptions): Promise<SendResult> {
    const n = item.targets.length;
    const stream = client.stream as {
      write(b: Buffer): boolean;
      writableNeedDrain?: boolean;
      once(e: string, f: () => void): void;
      off(e: string, f: () => void): void;
    };
    if ((client.options.protocolVersion ?? 4) === 4) {
      // the whole batch framed as PUBLISH packets in one write (see mqtt-publish-packets.ts)
      stream.write(publishPacketsQos0(item, from, options.retain === true));
      this.unconfirmed += readingsIn(item, from);
    } else {
      for (let i = from; i < n; i++) {
        if (!client.connected) return { delivered: i - from, error: new Error('connection to the broker lost'), retryable: true };
        client.publish(item.targets[i]!, messageBody(item, i), options);
        this.unconfirmed += readingsIn(item, i, i + 1);
      }
    }
    if (stream.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.once('drain', done);
        stream.once('close', done);
      });
    }
    return { delivered: n - from };
  }

  /** QoS 1: done when every PUBACK is in (MQTT.js re-sends unacknowledged ones after a reconnect). */
  private publishQos1(client: MqttClient, item: Delivery, from: number, options: IClientPublishOptions, n: number): Promise<SendResult> {
    return new Promise((resolve) => {
      let pending = n - from;
      let firstFailed = n;
      let error: unknown;
      for (let i = from; i < n; i++) {
        client.publish(item.targets[i]!, messageBody(item, i), options, (err) => {
          if (err && i < firstFailed) {
            firstFailed = i;
            error = err;
          }
          // readings after the first failure are sent again (at least once) to keep each point in order
          if (--pending === 0)
            resolve(error === undefined ? { delivered: n - from } : { delivered: firstFailed - from, error, retryable: true });
        });
      }
    });
  }
}
