package dev.ecr4j.policy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Copies and compares the lists that policy values are made of. Copies reject null with a message
 * that names the argument, and equality ignores the order of the elements but not how often each
 * one occurs.
 */
public final class Lists {

  private Lists() {}

  /**
   * Returns an unmodifiable copy of {@code list}.
   *
   * @param name the parameter name, for the message of the exception
   * @throws NullPointerException naming {@code name} when the list is null or contains null
   */
  public static <T> List<T> copyOf(Collection<? extends T> list, String name) {
    Objects.requireNonNull(list, name);
    for (T element : list) {
      Objects.requireNonNull(element, name + " must not contain null");
    }
    return List.copyOf(list);
  }

  /**
   * Returns {@code first} followed by the elements of {@code more}, for a method that takes one
   * required element and a varargs parameter for the rest.
   *
   * @param first the first element, named {@code firstName} in the message of the exception
   * @param more the further elements, named {@code moreName} in the message of the exception
   * @throws NullPointerException naming the parameter when {@code first}, {@code more} or an
   *     element of {@code more} is null
   */
  @SafeVarargs
  public static <T> List<T> of(T first, String firstName, String moreName, T... more) {
    Objects.requireNonNull(first, firstName);
    Objects.requireNonNull(more, moreName);
    List<T> all = new ArrayList<>(more.length + 1);
    all.add(first);
    for (T element : more) {
      all.add(Objects.requireNonNull(element, moreName + " must not contain null"));
    }
    return all;
  }

  /**
   * Returns true when both lists have the same elements, each as often, in any order. A list with a
   * duplicate is not equal to the same list without it, since duplicates change the JSON and can
   * make a policy invalid.
   */
  public static boolean equalIgnoringOrder(Collection<?> a, Collection<?> b) {
    return equalIgnoringOrder(a, b, element -> element);
  }

  /**
   * Returns true when both lists have the same elements after applying {@code key}, each as often,
   * in any order.
   */
  public static <T> boolean equalIgnoringOrder(
      Collection<? extends T> a, Collection<? extends T> b, Function<? super T, ?> key) {
    return a.size() == b.size() && counts(a, key).equals(counts(b, key));
  }

  /** Returns a hash code consistent with {@link #equalIgnoringOrder(Collection, Collection)}. */
  public static int hashIgnoringOrder(Collection<?> list) {
    return hashIgnoringOrder(list, element -> element);
  }

  /**
   * Returns a hash code consistent with {@link #equalIgnoringOrder(Collection, Collection,
   * Function)}.
   */
  public static <T> int hashIgnoringOrder(
      Collection<? extends T> list, Function<? super T, ?> key) {
    return counts(list, key).hashCode();
  }

  /** Counts how often each key occurs. */
  private static <T> Map<Object, Integer> counts(
      Collection<? extends T> list, Function<? super T, ?> key) {
    Map<Object, Integer> counts = new HashMap<>();
    for (T element : list) {
      counts.merge(key.apply(element), 1, Integer::sum);
    }
    return counts;
  }
}
