import { evaluateCondition, type IntrinsicContext } from './intrinsics.ts';
import { pseudoParameter } from './pseudo-parameters.ts';
import type { LocalAccount } from './resource-types.ts';
import { LocalStackTemplateError, type CfnTemplate } from './template.ts';

/** The template's named Conditions, evaluated once each, on demand. */
export function conditionEvaluator(template: CfnTemplate, account: LocalAccount): Pick<IntrinsicContext, 'condition' | 'mappings'> {
  const values = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const evaluator: IntrinsicContext = {
    mappings: template.Mappings,
    condition(name, at) {
      const known = values.get(name);
      if (known !== undefined) return known;
      const expression = template.Conditions?.[name];
      if (expression === undefined) throw new LocalStackTemplateError(`${at}: there is no condition ${name} in the template's Conditions.`);
      if (evaluating.has(name)) throw new LocalStackTemplateError(`Conditions.${name} depends on itself.`);
      evaluating.add(name);
      const value = evaluateCondition(expression, evaluator, `Conditions.${name}`);
      evaluating.delete(name);
      values.set(name, value);
      return value;
    },
    ref(name, at) {
      const pseudo = pseudoParameter(name, account);
      if (pseudo === undefined)
        throw new LocalStackTemplateError(`${at}: a condition can only refer to parameters, not to the resource ${name}.`);
      return pseudo;
    },
    getAtt(logicalId, _attribute, at) {
      throw new LocalStackTemplateError(`${at}: a condition cannot use Fn::GetAtt (${logicalId}).`);
    },
  };
  return { condition: evaluator.condition, mappings: evaluator.mappings };
}
