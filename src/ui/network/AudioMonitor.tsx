// The optional audio monitor (off until Play is pressed; Web Audio, all local): plays the run's spikes as clicks at
// 1×, ½× or ¼× speed with a volume control, and reports the simulated time being heard (a playhead line over the
// raster follows it). Nothing is created before the first Play (browsers want a click before sound anyway).

import { useEffect, useRef, useState } from 'react';
import { getNetwork, useNetwork } from '../../state/network';
import { renderSpikeSound } from './audio';

const SPEEDS = [1, 0.5, 0.25];

export function AudioMonitor({ onPlayhead }: { onPlayhead: (t: number | null) => void }) {
  const run = useNetwork((s) => s.run);
  const [speed, setSpeed] = useState(0.5);
  const [volume, setVolume] = useState(0.5);
  const [playing, setPlaying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ctxRef = useRef<AudioContext | null>(null);
  const srcRef = useRef<AudioBufferSourceNode | null>(null);
  const gainRef = useRef<GainNode | null>(null);
  const raf = useRef(0);

  const stop = () => {
    cancelAnimationFrame(raf.current);
    try { srcRef.current?.stop(); } catch { /* already stopped */ }
    srcRef.current = null;
    setPlaying(false);
    onPlayhead(null);
  };

  useEffect(() => () => { stop(); void ctxRef.current?.close(); }, []); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { if (gainRef.current) gainRef.current.gain.value = volume; }, [volume]);
  // A new run: the sound of the old one stops.
  useEffect(() => { stop(); }, [run?.id]); // eslint-disable-line react-hooks/exhaustive-deps

  const play = () => {
    setError(null);
    const r = getNetwork().store.getState().run;
    const data = getNetwork().data;
    if (!r || !(r.time > 0)) { setError('nothing to play yet: run the network first'); return; }
    try {
      if (!ctxRef.current) ctxRef.current = new AudioContext();
      const ctx = ctxRef.current;
      void ctx.resume();
      const samples = renderSpikeSound(data.t, data.cell, data.count, r.ne, { sampleRate: ctx.sampleRate, speed, t0: 0, t1: r.time });
      const buf = ctx.createBuffer(1, samples.length, ctx.sampleRate);
      buf.copyToChannel(samples, 0);
      const src = ctx.createBufferSource();
      src.buffer = buf;
      const gain = ctx.createGain();
      gain.gain.value = volume;
      src.connect(gain).connect(ctx.destination);
      gainRef.current = gain;
      srcRef.current?.stop();
      srcRef.current = src;
      const startAt = ctx.currentTime + 0.05;
      src.start(startAt);
      src.onended = () => { if (srcRef.current === src) stop(); };
      setPlaying(true);
      const tick = () => {
        const heard = Math.max(0, (ctx.currentTime - startAt) * 1000 * speed);
        onPlayhead(Math.min(heard, r.time));
        raf.current = requestAnimationFrame(tick);
      };
      raf.current = requestAnimationFrame(tick);
    } catch (e) {
      setError(`sound is not available here: ${e instanceof Error ? e.message : String(e)}`);
      stop();
    }
  };

  return (
    <section className="panel net-audio" aria-label="audio monitor">
      <h2>Listen</h2>
      <div className="net-audio-row">
        {playing ? (
          <button type="button" data-testid="net-audio-stop" onClick={stop}>Stop sound</button>
        ) : (
          <button type="button" data-testid="net-audio-play" onClick={play} disabled={!run || !(run.time > 0)}>Play spikes</button>
        )}
        <label>speed
          <select value={speed} data-testid="net-audio-speed" onChange={(e) => setSpeed(Number(e.target.value))} disabled={playing}>
            {SPEEDS.map((s) => <option key={s} value={s}>{s === 1 ? '1× (real time)' : `${s === 0.5 ? '½' : '¼'}× (slowed)`}</option>)}
          </select>
        </label>
        <label>volume <input type="range" min={0} max={1} step={0.05} value={volume} onChange={(e) => setVolume(Number(e.target.value))} aria-label="volume" /></label>
      </div>
      <p className="hint">Every spike a click (excitatory low, inhibitory high), like a loudspeaker on an electrode: alpha is heard as a slow throb, gamma as a buzz; slowed, gamma becomes a flutter.</p>
      {error && <p className="field-error" role="alert">{error}</p>}
    </section>
  );
}
