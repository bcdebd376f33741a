// swc's spread helper (@swc/helpers _iterable_to_array) for the lite layer, which runs on IE11's own Map and Set
// (webpack.config.js CORE_JS_LITE_NATIVE): they have forEach but no iterator, so a spread copies them with it.
export function _(iter) {
  var out = [];
  if (typeof Map !== 'undefined' && iter instanceof Map) {
    iter.forEach(function (value, key) { out.push([key, value]); });
    return out;
  }
  if (typeof Set !== 'undefined' && iter instanceof Set) {
    iter.forEach(function (value) { out.push(value); });
    return out;
  }
  if ((typeof Symbol !== 'undefined' && iter[Symbol.iterator] != null) || iter['@@iterator'] != null) return Array.from(iter);
}
