package io.callrecords.proxy.graph.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.type.LogicalType;

/**
 * Graph's records read member by member straight into their canonical constructor.
 * Jackson 3 reads a record through its general property-based creator: a hash lookup of
 * every member's name, a buffer that tracks which arguments were seen, a second pass that
 * asks each absent argument's reader for its absent value, and a constructor call that
 * spreads the arguments anew (Jackson 3.1 to 3.3 use
 * {@code MethodHandle.invokeWithArguments}): together about a fifth of reading a large
 * call record, which holds tens of thousands of members.
 * <p>
 * This reader keeps everything Jackson decides about a record, namely the members' names
 * ({@code @JsonProperty}), their readers ({@code @JsonDeserialize}, the coercions and the
 * lenient handling configured in {@link GraphJson}), and what a constructor that refuses
 * its arguments or a value that is not an object means, and only does the reading loop
 * more cheaply: Graph writes a type's members in the same order every time, so the member
 * expected next (the one that followed the previous member last time) is checked first,
 * by identity, as the parser hands out one instance per name. A record whose members need
 * anything more (required or injected values, absent values other than {@code null},
 * polymorphic types, settings that fail on missing, null or unknown members) is read by
 * Jackson as before.
 */
final class QuickRecords extends ValueDeserializerModifier {

	private static final String GRAPH_PACKAGE = "io.callrecords.proxy.graph";

	@Override
	public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
			ValueDeserializer<?> deserializer) {
		Class<?> type = description.getBeanClass();
		if (!(deserializer instanceof BeanDeserializerBase jackson) || !type.isRecord()
				|| !(type.getPackageName() + ".").startsWith(GRAPH_PACKAGE + ".")) {
			return deserializer;
		}
		ValueInstantiator instantiator = jackson.getValueInstantiator();
		if (!instantiator.canCreateFromObjectWith() || instantiator.canCreateUsingDelegate()
				|| instantiator.canCreateUsingArrayDelegate()
				|| !(instantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
			return deserializer;
		}
		Constructor<?> constructor = creator.getAnnotated();
		Class<?>[] canonical = Arrays.stream(type.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		if (!Arrays.equals(constructor.getParameterTypes(), canonical)) {
			return deserializer;
		}
		try {
			MethodHandle create = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
				.unreflectConstructor(constructor)
				.asSpreader(Object[].class, canonical.length)
				.asType(MethodType.methodType(Object.class, Object[].class));
			return new QuickRecord(jackson, create, canonical.length);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return deserializer;
		}
	}

	/**
	 * One record type's reader, in front of the reader Jackson built for it.
	 */
	static final class QuickRecord extends ValueDeserializer<Object> {

		private final BeanDeserializerBase jackson;

		private final MethodHandle create;

		private final int count;

		/** The members by constructor position, once resolved; null: Jackson's way. */
		private SettableBeanProperty @Nullable [] members;

		/**
		 * The members' names by position: Jackson's, replaced by the parser's own (equal)
		 * instances once seen; shared racily, as any of them is right.
		 */
		private String[] names = new String[0];

		private Map<String, Integer> positions = Map.of();

		/**
		 * The position of the member that last followed the one at {@code i - 1} (at
		 * {@code 0}: the first member); a guess, shared racily by the threads reading
		 * this type, and checked before it is used.
		 */
		private int[] following = new int[0];

		/**
		 * The member the record does not have that last came after the one at
		 * {@code i - 1}; as racy a guess.
		 */
		private @Nullable String[] skipped = new String[0];

		QuickRecord(BeanDeserializerBase jackson, MethodHandle create, int count) {
			this.jackson = jackson;
			this.create = create;
			this.count = count;
		}

		@Override
		public void resolve(DeserializationContext context) {
			this.jackson.resolve(context);
			if (this.count == 0 || context.isEnabled(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
					|| context.isEnabled(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
					|| context.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
					|| this.jackson.hasAnySetter() || this.jackson.getObjectIdReader(context) != null) {
				return;
			}
			SettableBeanProperty[] resolved = new SettableBeanProperty[this.count];
			for (Iterator<SettableBeanProperty> it = this.jackson.creatorProperties(); it.hasNext();) {
				SettableBeanProperty member = it.next();
				int position = member.getCreatorIndex();
				if (position < 0 || position >= this.count || resolved[position] != null || !quick(member, context)) {
					return;
				}
				resolved[position] = member;
			}
			Map<String, Integer> byName = new HashMap<>();
			String[] memberNames = new String[this.count];
			for (int i = 0; i < this.count; i++) {
				if (resolved[i] == null || byName.put(resolved[i].getName(), i) != null) {
					return;
				}
				memberNames[i] = resolved[i].getName();
			}
			if (!onlyMembers(byName)) {
				return;
			}
			this.names = memberNames;
			this.positions = byName;
			this.following = new int[this.count + 1];
			this.skipped = new String[this.count + 1];
			this.members = resolved;
		}

		/**
		 * Whether an absent member reads as {@code null} and a present one needs no more
		 * than its reader.
		 */
		private static boolean quick(SettableBeanProperty member, DeserializationContext context) {
			return !member.isRequired() && member.getInjectableValueId() == null && !member.hasValueTypeDeserializer()
					&& member.hasValueDeserializer() && member.getNullValueProvider().getNullValue(context) == null
					&& member.getValueDeserializer().getAbsentValue(context) == null;
		}

		/**
		 * Whether Jackson knows no member besides the constructor's (no setters, no
		 * fields).
		 */
		private boolean onlyMembers(Map<String, Integer> byName) {
			for (Iterator<SettableBeanProperty> it = this.jackson.properties(); it.hasNext();) {
				if (!byName.containsKey(it.next().getName())) {
					return false;
				}
			}
			return true;
		}

		@Override
		public ValueDeserializer<?> createContextual(DeserializationContext context, @Nullable BeanProperty property) {
			ValueDeserializer<?> contextual = this.jackson.createContextual(context, property);
			return (contextual == this.jackson) ? this : contextual;
		}

		@Override
		public @Nullable Object deserialize(JsonParser parser, DeserializationContext context) {
			SettableBeanProperty[] resolved = this.members;
			String name;
			if (resolved == null) {
				return this.jackson.deserialize(parser, context);
			}
			else if (parser.isExpectedStartObjectToken()) {
				name = parser.nextName();
			}
			else if (parser.currentToken() == JsonToken.PROPERTY_NAME) {
				name = parser.currentName();
			}
			else {
				// an array, a scalar: as Jackson reads it (leniently, as absent)
				return this.jackson.deserialize(parser, context);
			}
			Object[] arguments = new Object[this.count];
			int previous = -1;
			for (; name != null; name = parser.nextName()) {
				parser.nextToken();
				int position = position(name, previous);
				if (position < 0) {
					parser.skipChildren();
					continue;
				}
				arguments[position] = resolved[position].deserialize(parser, context);
				previous = position;
			}
			try {
				return (Object) this.create.invokeExact(arguments);
			}
			catch (Exception ex) {
				// a constructor that refused its arguments: as Jackson reports it
				return context.handleInstantiationProblem(handledType(), arguments, ex);
			}
			catch (Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The member's position, or -1 for a member the record does not have. */
		private int position(String name, int previous) {
			int guess = this.following[previous + 1];
			String expected = this.names[guess];
			if (expected == name) {
				return guess;
			}
			if (expected.equals(name)) {
				// the parser's own instance of the name, compared by identity from now on
				this.names[guess] = name;
				return guess;
			}
			if (this.skipped[previous + 1] == name) {
				return -1;
			}
			Integer found = this.positions.get(name);
			if (found == null) {
				// a member the record leaves out, expected here next time too
				this.skipped[previous + 1] = name;
				return -1;
			}
			this.following[previous + 1] = found;
			return found;
		}

		@Override
		public Class<?> handledType() {
			return this.jackson.handledType();
		}

		@Override
		public LogicalType logicalType() {
			return this.jackson.logicalType();
		}

		@Override
		public boolean isCachable() {
			return this.jackson.isCachable();
		}

		@Override
		public @Nullable Object getNullValue(DeserializationContext context) {
			return this.jackson.getNullValue(context);
		}

		@Override
		public @Nullable Object getAbsentValue(DeserializationContext context) {
			return this.jackson.getAbsentValue(context);
		}

	}

}
