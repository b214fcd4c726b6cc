package io.clearline.iso20022;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A view of one element of a Prowide message model, addressed by ISO 20022 element names
 * ({@code "GrpHdr"}, {@code "PmtId"}, {@code "BICFI"}). Read-only, but for {@link #value}, through
 * which {@link ForwardedTransactions} cuts down a message the writer forwards.
 *
 * <p>Why by name: Prowide generates a new Java type for every version of every component
 * ({@code GroupHeader93}, {@code GroupHeader96}, {@code GroupHeader113}...) even where the
 * elements Clearline reads are the same; the element names, and so Prowide's getter names, are
 * stable. Reading by name lets one mapper serve every version; each version is still tested.
 *
 * <p>Failure: asking for an element the model type does not have is a Clearline bug (a version
 * was declared supported without its element being there) and throws
 * {@link IllegalStateException}; an element the message leaves out reads as absent.
 */
final class ModelNode {

  private static final ModelNode ABSENT = new ModelNode(null);
  /** Getters of each model class by element name, built once per class. */
  private static final ClassValue<Map<String, Method>> GETTERS = new ClassValue<>() {
    @Override
    protected Map<String, Method> computeValue(Class<?> type) {
      Map<String, Method> getters = new HashMap<>();
      for (Method method : type.getMethods()) {
        if (method.getName().startsWith("get") && method.getParameterCount() == 0
            && !Modifier.isStatic(method.getModifiers())) {
          getters.put(method.getName().substring(3), method);
        }
      }
      return Map.copyOf(getters);
    }
  };

  private final Object model;

  private ModelNode(Object model) {
    this.model = model;
  }

  static ModelNode of(Object model) {
    return model == null ? ABSENT : new ModelNode(model);
  }

  /** The model object this node views, or null when absent. */
  Object model() {
    return model;
  }

  boolean isAbsent() {
    return model == null;
  }

  /** The child element, or an absent node. */
  ModelNode child(String element) {
    return of(value(element));
  }

  /** Follows a path of child elements; absent as soon as one is. */
  ModelNode path(String... elements) {
    ModelNode node = this;
    for (String element : elements) {
      node = node.child(element);
    }
    return node;
  }

  /** Every occurrence of a repeated child element, in document order. */
  List<ModelNode> children(String element) {
    Object value = value(element);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalStateException(model.getClass().getSimpleName() + "/" + element
          + " is not a repeated element");
    }
    return list.stream().map(ModelNode::of).toList();
  }

  String text(String element) {
    return as(element, String.class);
  }

  /** A text at the end of a path, or null when any step is absent. */
  String text(String... elements) {
    ModelNode parent = path(Arrays.copyOf(elements, elements.length - 1));
    return parent.text(elements[elements.length - 1]);
  }

  /** A code-list element (a JAXB enum) by its ISO code, or null when absent. */
  String code(String element) {
    Object value = value(element);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Enum<?> code)) {
      throw new IllegalStateException(model.getClass().getSimpleName() + "/" + element
          + " is a " + value.getClass().getSimpleName() + ", not a code");
    }
    // Prowide's code enums are named after their ISO codes.
    return code.name();
  }

  BigDecimal decimal(String element) {
    return as(element, BigDecimal.class);
  }

  LocalDate date(String element) {
    return as(element, LocalDate.class);
  }

  OffsetDateTime dateTime(String element) {
    return as(element, OffsetDateTime.class);
  }

  private <T> T as(String element, Class<T> type) {
    Object value = value(element);
    if (value != null && !type.isInstance(value)) {
      throw new IllegalStateException(model.getClass().getSimpleName() + "/" + element
          + " is a " + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
    }
    return type.cast(value);
  }

  /** Whether the model type has this element at all (present in the message or not). */
  boolean hasElement(String element) {
    return model != null && GETTERS.get(model.getClass()).containsKey(element);
  }

  /**
   * The element's model object itself, null when absent; a repeated element's list is the live
   * one. Only the writer uses it, to cut down a message it forwards.
   */
  Object value(String element) {
    if (model == null) {
      return null;
    }
    Method getter = GETTERS.get(model.getClass()).get(element);
    if (getter == null) {
      throw new IllegalStateException(model.getClass().getSimpleName()
          + " has no element " + element);
    }
    try {
      return getter.invoke(model);
    } catch (IllegalAccessException | InvocationTargetException broken) {
      throw new IllegalStateException("cannot read " + element + " of "
          + model.getClass().getSimpleName(), broken);
    }
  }
}
