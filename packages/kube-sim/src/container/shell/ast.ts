/** The syntax tree of the POSIX shell subset the container shell understands. */

export type WordPart =
  /** Literal text; `quoted` text is neither field-split nor globbed. */
  | { type: 'lit'; text: string; quoted: boolean }
  /** `$name`, `${name}`, `${name:-word}`, `${#name}`, `$?`, `$1`, `$@` … */
  | { type: 'param'; name: string; op?: ParamOp; arg?: Word; quoted: boolean }
  /** `$(list)` or `` `list` `` */
  | { type: 'cmdsub'; body: ListNode; quoted: boolean }
  /** `$((expression))` */
  | { type: 'arith'; expr: Word; quoted: boolean }
  /** `~` or `~user` at the start of an unquoted word. */
  | { type: 'tilde'; user: string };

export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#' | '##' | '%' | '%%' | 'length';

export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>' | '&>>' | '<>' | '<<' | '<<<';
  target: Word;
  /** Here-document body, filled in by the lexer once it reaches the lines after the command. */
  heredoc?: { body: string; expand: boolean; stripTabs: boolean };
}

export interface Assignment {
  name: string;
  value: Word;
}

export interface SimpleCommand {
  type: 'simple';
  assigns: Assignment[];
  words: Word[];
  redirects: Redirect[];
  line: number;
}

export interface SubshellNode {
  type: 'subshell';
  body: ListNode;
  redirects: Redirect[];
}

export interface GroupNode {
  type: 'group';
  body: ListNode;
  redirects: Redirect[];
}

export interface IfNode {
  type: 'if';
  clauses: { cond: ListNode; body: ListNode }[];
  elseBody?: ListNode;
  redirects: Redirect[];
}

export interface ForNode {
  type: 'for';
  name: string;
  /** null: iterate over "$@". */
  items: Word[] | null;
  body: ListNode;
  redirects: Redirect[];
}

export interface WhileNode {
  type: 'while';
  until: boolean;
  cond: ListNode;
  body: ListNode;
  redirects: Redirect[];
}

export interface CaseNode {
  type: 'case';
  subject: Word;
  arms: { patterns: Word[]; body: ListNode }[];
  redirects: Redirect[];
}

export interface FunctionNode {
  type: 'function';
  name: string;
  body: CommandNode;
}

export type CommandNode =
  SimpleCommand | SubshellNode | GroupNode | IfNode | ForNode | WhileNode | CaseNode | FunctionNode;

export interface PipelineNode {
  type: 'pipeline';
  negate: boolean;
  commands: CommandNode[];
}

export interface AndOrNode {
  type: 'andor';
  first: PipelineNode;
  rest: { op: '&&' | '||'; pipeline: PipelineNode }[];
}

export interface ListNode {
  type: 'list';
  items: AndOrNode[];
}
