// Questions the dashboard asks (delete? how many replicas?) and what to do with the answer. The
// mode in UiState holds only an id, so the state stays plain data.

type Answer = (text: string) => void;

const pending = new Map<string, Answer>();
let counter = 0;

export function registerAnswer(answer: Answer): string {
  const id = `q${++counter}`;
  pending.clear(); // only one question is ever open
  pending.set(id, answer);
  return id;
}

export function takeAnswer(id: string): Answer | undefined {
  const answer = pending.get(id);
  pending.delete(id);
  return answer;
}

export function confirm(ctx: { dispatch: (a: import('../model/uiReducer.js').UiAction) => void }, message: string, onYes: () => void): void {
  const actionId = registerAnswer(() => onYes());
  ctx.dispatch({ type: 'mode', mode: { type: 'confirm', message, actionId } });
}

export function ask(ctx: { dispatch: (a: import('../model/uiReducer.js').UiAction) => void }, prompt: string, initial: string, onAnswer: (text: string) => void): void {
  const actionId = registerAnswer(onAnswer);
  ctx.dispatch({ type: 'mode', mode: { type: 'input', prompt, text: initial, actionId } });
}
