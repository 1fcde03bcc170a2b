// Go's time.Duration.String(), which the kubelet's messages print: `10s`, `1m20s`, `5m0s`, `2.1s`,
// `512ms`. kubesim's clock counts milliseconds, so that is the finest unit here.

export function formatGoDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatGoDuration(-ms)}`;
  const whole = Math.round(ms * 1000) / 1000;
  if (whole === 0) return '0s';
  if (whole < 1000) return `${trimFraction(whole)}ms`;
  const totalSeconds = Math.floor(whole / 1000);
  const fraction = Math.round(whole - totalSeconds * 1000); // milliseconds
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const secText = fraction ? `${seconds}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}` : `${seconds}`;
  if (hours) return `${hours}h${minutes}m${secText}s`;
  if (minutes) return `${minutes}m${secText}s`;
  return `${secText}s`;
}

function trimFraction(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(3)));
}
